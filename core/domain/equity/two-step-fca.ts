// Two-step floating catchment area (2SFCA) accessibility, Luo & Wang (2003), with optional
// Gaussian distance decay (Dai 2010 / kernel-density 2SFCA: the same weight in both steps).
//
//   step 1, per facility j:      R_j = S_j / Σ_{k: d_kj ≤ d0_j} w(d_kj)·P_k
//   step 2, per demand point i:  A_i = Σ_{j: d_ij ≤ d0_j} w(d_ij)·R_j
//
// S_j supply (capacity, or floor area in m²), P_k demand (residents or households), d0_j the
// catchment of facility j in meters, w the decay (1 inside the catchment when there is none).
// Units: A_i is supply per person (e.g. m² per resident). Because the same weight is used in
// both steps, Σ_i P_i·A_i = Σ_j S_j over facilities that have some weighted demand in reach.
// A facility with no weighted demand in its catchment gets R_j = 0 and is listed in
// `facilitiesWithoutDemand` (its supply reaches nobody).
//
// Input is the sparse pair list the coverage module produces: parallel arrays, one entry per
// (demand point, facility) pair within reach, in any order. Pairs beyond d0_j are ignored, so
// the list may be built with the largest catchment.
import { assertSameLength } from './validate'

export interface DemandFacilityPairs {
  demandIndex: ArrayLike<number> // index into `population`
  facilityIndex: ArrayLike<number> // index into `supply`
  distanceMeters: ArrayLike<number>
}

export type DistanceDecay =
  /** w = 1 for d ≤ d0 (original 2SFCA) */
  | { kind: 'none' }
  /** w = exp(−½ (d/σ)²) for d ≤ d0; σ defaults to the facility's catchment d0_j */
  | { kind: 'gaussian'; sigmaMeters?: number }
  /** Dai (2010): w = (exp(−½ (d/d0)²) − exp(−½)) / (1 − exp(−½)), 1 at d = 0 and 0 at d = d0 */
  | { kind: 'gaussian-dai' }

export interface TwoStepFcaInput {
  pairs: DemandFacilityPairs
  population: ArrayLike<number> // P_i per demand point, ≥ 0
  supply: ArrayLike<number> // S_j per facility, ≥ 0
  catchmentMeters: number | ArrayLike<number> // d0, one for all or one per facility
  decay?: DistanceDecay // default { kind: 'none' }
}

export interface TwoStepFcaResult {
  ratio: Float64Array // R_j per facility
  accessibility: Float64Array // A_i per demand point
  facilitiesWithoutDemand: number[]
}

const EXP_MINUS_HALF = Math.exp(-0.5)

/** 2SFCA accessibility per demand point, and the supply-to-demand ratio per facility. */
export function twoStepFca(input: TwoStepFcaInput): TwoStepFcaResult {
  const { pairs, population, supply, catchmentMeters } = input
  const decay = input.decay ?? { kind: 'none' }
  const nDemand = population.length
  const nFacility = supply.length
  const nPairs = pairs.demandIndex.length
  // validate up front: shapes, amounts, catchments and the decay parameter
  assertSameLength(pairs.demandIndex, 'pairs.demandIndex', pairs.facilityIndex, 'pairs.facilityIndex')
  assertSameLength(pairs.demandIndex, 'pairs.demandIndex', pairs.distanceMeters, 'pairs.distanceMeters')
  // (own loops, not the shared helper: keeps these hot loops monomorphic for big inputs)
  checkAmounts(population, 'population')
  checkAmounts(supply, 'supply')
  const catchment = perFacility(catchmentMeters, nFacility)
  if (decay.kind === 'gaussian' && decay.sigmaMeters !== undefined && !(decay.sigmaMeters > 0)) {
    throw new RangeError(`decay.sigmaMeters must be > 0, got ${decay.sigmaMeters}`)
  }
  // step 1: weighted demand in each facility's catchment; with decay, keep each pair's weight
  // for step 2 (0 marks a pair beyond its catchment)
  const demandInReach = new Float64Array(nFacility)
  const weight = decay.kind === 'none' ? null : new Float64Array(nPairs)
  if (weight === null) sumDemandPlain(pairs, population, catchment, demandInReach)
  else
    sumDemandDecayed(
      pairs,
      population,
      catchment,
      decay as Exclude<DistanceDecay, { kind: 'none' }>,
      weight,
      demandInReach,
    )
  // R_j = S_j / weighted demand; facilities nobody can reach get 0
  const ratio = new Float64Array(nFacility)
  const facilitiesWithoutDemand: number[] = []
  for (let j = 0; j < nFacility; j++) {
    if (demandInReach[j] > 0) ratio[j] = supply[j] / demandInReach[j]
    else facilitiesWithoutDemand.push(j)
  }
  // step 2: A_i = Σ w_ij R_j over the pairs in reach
  const accessibility = new Float64Array(nDemand)
  const { demandIndex, facilityIndex, distanceMeters } = pairs
  if (weight === null) {
    for (let p = 0; p < nPairs; p++) {
      const j = facilityIndex[p]
      if (distanceMeters[p] <= catchment[j]) accessibility[demandIndex[p]] += ratio[j]
    }
  } else {
    for (let p = 0; p < nPairs; p++) {
      const w = weight[p]
      if (w > 0) accessibility[demandIndex[p]] += w * ratio[facilityIndex[p]]
    }
  }
  return { ratio, accessibility, facilitiesWithoutDemand }
}

// Step 1 without decay, checking each pair as it passes.
function sumDemandPlain(
  pairs: DemandFacilityPairs,
  population: ArrayLike<number>,
  catchment: Float64Array,
  demandInReach: Float64Array,
): void {
  const { demandIndex, facilityIndex, distanceMeters } = pairs
  const nDemand = population.length
  for (let p = 0; p < demandIndex.length; p++) {
    const i = demandIndex[p]
    const j = facilityIndex[p]
    const d = distanceMeters[p]
    checkPair(p, i, j, d, nDemand, catchment.length)
    if (d <= catchment[j]) demandInReach[j] += population[i]
  }
}

// Step 1 with decay: w = a_j·exp(k_j·d²) + b, with per-facility constants (one exp per pair).
function sumDemandDecayed(
  pairs: DemandFacilityPairs,
  population: ArrayLike<number>,
  catchment: Float64Array,
  decay: Exclude<DistanceDecay, { kind: 'none' }>,
  weight: Float64Array,
  demandInReach: Float64Array,
): void {
  const { demandIndex, facilityIndex, distanceMeters } = pairs
  const nDemand = population.length
  // exponent factor per facility: −½/σ² (σ = sigma or the catchment)
  const k = new Float64Array(catchment.length)
  for (let j = 0; j < k.length; j++) {
    const sigma = decay.kind === 'gaussian' ? (decay.sigmaMeters ?? catchment[j]) : catchment[j]
    k[j] = -0.5 / (sigma * sigma)
  }
  // Dai rescales so that w(d0) = 0: w = (e − e^(−½)) / (1 − e^(−½))
  const scale = decay.kind === 'gaussian-dai' ? 1 / (1 - EXP_MINUS_HALF) : 1
  const shift = decay.kind === 'gaussian-dai' ? EXP_MINUS_HALF : 0
  for (let p = 0; p < demandIndex.length; p++) {
    const i = demandIndex[p]
    const j = facilityIndex[p]
    const d = distanceMeters[p]
    checkPair(p, i, j, d, nDemand, catchment.length)
    if (d > catchment[j]) continue
    const w = (Math.exp(k[j] * d * d) - shift) * scale
    weight[p] = w
    demandInReach[j] += w * population[i]
  }
}

// Rejects an amount that is not a finite number ≥ 0.
function checkAmounts(values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (!(v >= 0 && v < Number.POSITIVE_INFINITY)) {
      throw new RangeError(`${name}[${i}] must be a finite number >= 0, got ${v}`)
    }
  }
}

// Rejects a pair with an index out of range or a distance that is not finite and ≥ 0.
function checkPair(p: number, i: number, j: number, d: number, nDemand: number, nFacility: number): void {
  if (!(i < nDemand) || i >>> 0 !== i) throw new RangeError(`pairs.demandIndex[${p}] out of range: ${i}`)
  if (!(j < nFacility) || j >>> 0 !== j) throw new RangeError(`pairs.facilityIndex[${p}] out of range: ${j}`)
  if (!(d >= 0 && d < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`pairs.distanceMeters[${p}] must be finite >= 0, got ${d}`)
  }
}

/** The decay weight at distance d for a facility with catchment d0 (d ≤ d0 assumed). */
export function decayWeight(decay: DistanceDecay, distanceMeters: number, catchmentMeters: number): number {
  switch (decay.kind) {
    case 'none':
      return 1
    case 'gaussian': {
      const sigma = decay.sigmaMeters ?? catchmentMeters
      const z = distanceMeters / sigma
      return Math.exp(-0.5 * z * z)
    }
    case 'gaussian-dai': {
      const z = distanceMeters / catchmentMeters
      return (Math.exp(-0.5 * z * z) - EXP_MINUS_HALF) / (1 - EXP_MINUS_HALF)
    }
  }
}

// One catchment per facility, each > 0.
function perFacility(catchmentMeters: number | ArrayLike<number>, nFacility: number): Float64Array {
  const out = new Float64Array(nFacility)
  if (typeof catchmentMeters === 'number') out.fill(catchmentMeters)
  else {
    if (catchmentMeters.length !== nFacility) {
      throw new RangeError(`catchmentMeters has ${catchmentMeters.length} entries but supply has ${nFacility}`)
    }
    for (let j = 0; j < nFacility; j++) out[j] = catchmentMeters[j]
  }
  for (let j = 0; j < nFacility; j++) {
    if (!(out[j] > 0)) throw new RangeError(`catchmentMeters[${j}] must be > 0, got ${out[j]}`)
  }
  return out
}
