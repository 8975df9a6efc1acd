// "Where to build": MCLP, LSCP and p-median over the in-memory coverage, with existing facilities
// of the type fixed. Candidates are grid or unit centroids (household-weighted mean of their
// buildings, EPSG:4548) or points the official drew. The solves (heuristic + HiGHS) run in the
// analysis worker (server/workers, ADR 25); the candidates' coverage is built here, in memory.
import type { ErrorCodeWithStatus, SitingResponse, SitingSite } from '../../../core/api'
import { storeFor } from '../../../core/domain/coverage-store'
import { type CoverageSitingResult, coverageWithinRadius, type PMedianResult } from '../../../core/domain/siting'
import { toLngLat, toMetricBatch } from '../../../core/geo'
import { cappedDistanceMatrix, pointsWithin } from '../../../core/network'
import { badRequest } from '../../plugins/errors'
import { runAnalysis } from '../../workers/analysis-pool'
import { type CoverageModel, viewOf } from '../coverage/coverage.service'

export type CandidateSpec = 'grid-centroids' | 'unit-centroids' | { points: [number, number][] }

export interface SitingInput {
  type: string
  scenario?: 'as-is' | 'with-planned'
  distanceMethod?: 'walk' | 'radius'
  candidates?: CandidateSpec
  street?: string
  radiusM?: number
  timeLimitSeconds?: number
  exact?: 'auto' | 'never' | 'always'
}

interface Candidates {
  x: Float64Array
  y: Float64Array
  labels: string[]
  communityCodes: (string | null)[]
}

interface Demand {
  index: Int32Array // building indices in scope
  x: Float64Array
  y: Float64Array
  weights: Float64Array
  preCovered: Uint8Array
}

/** The type, radius and scenario of a request; unknown types and bad radii are a 400. */
function subjectOf(model: CoverageModel, input: SitingInput) {
  const type = model.types.get(input.type)
  if (!type)
    throw badRequest('UNKNOWN_FACILITY_TYPE', `unknown facility type "${input.type}" (see /api/facility-types)`)
  const radiusM = input.radiusM ?? type.defaultRadiusM
  if (!(radiusM > 0)) throw badRequest('BAD_RADIUS', `radiusM must be > 0, got ${radiusM}`)
  if (input.street && !model.world.streets.some((s) => s.code === input.street))
    throw badRequest('UNKNOWN_STREET', `unknown street "${input.street}"`)
  const scenario = input.scenario ?? 'as-is'
  const { view, method } = viewOf(model, input.distanceMethod ?? 'radius')
  return { type, radiusM, scenario, method, cov: view.scenarios[scenario].coverage.byType.get(type.code)! }
}

/**
 * For each candidate, the demand (indices into `demand`) it would cover: within the radius as the
 * crow flies, or on foot along the walk network (one bounded search per candidate, ADR 22).
 */
export function candidateCoverage(
  model: CoverageModel,
  method: 'walk' | 'radius',
  demand: Demand,
  candidates: Candidates,
  radiusM: number,
): Int32Array[] {
  if (method === 'radius') return coverageWithinRadius(demand.x, demand.y, candidates.x, candidates.y, radiusM)
  const walk = storeFor(model, 'walk').walk!
  const position = new Int32Array(model.demand.count).fill(-1)
  demand.index.forEach((b, t) => {
    position[b] = t
  })
  const { ctx } = walk
  return Array.from(candidates.x, (x, c) => {
    const access = ctx.snap(x, candidates.y[c])
    if (!access || access.accessM > radiusM) return new Int32Array(0)
    ctx.stamp++
    const reach = pointsWithin(ctx.search, ctx.points, access, radiusM, ctx.edgeStamp, ctx.stamp)
    const out: number[] = []
    for (const b of reach.points) if (position[b] >= 0) out.push(position[b])
    return Int32Array.from(out)
  })
}

function demandOf(model: CoverageModel, covered: Uint8Array, street?: string): Demand {
  const streetKeys = model.levels.street
  const picked: number[] = []
  for (const i of model.byId) {
    if (street && streetKeys.codes[streetKeys.of[i]] !== street) continue
    picked.push(i)
  }
  const index = Int32Array.from(picked)
  return {
    index,
    x: Float64Array.from(index, (i) => model.demand.xMeters[i]),
    y: Float64Array.from(index, (i) => model.demand.yMeters[i]),
    weights: Float64Array.from(index, (i) => model.demand.households[i]),
    preCovered: Uint8Array.from(index, (i) => covered[i]),
  }
}

/** Household-weighted centroids of the grid or unit keys that have buildings in scope. */
function centroids(model: CoverageModel, level: 'grid' | 'unit', demand: Demand): Candidates {
  const keys = model.levels[level]
  const k = keys.codes.length
  const sx = new Float64Array(k)
  const sy = new Float64Array(k)
  const sw = new Float64Array(k)
  for (let t = 0; t < demand.index.length; t++) {
    const key = keys.of[demand.index[t]]
    const w = demand.weights[t] + 1e-6 // empty buildings still place the centroid
    sx[key] += demand.x[t] * w
    sy[key] += demand.y[t] * w
    sw[key] += w
  }
  const out: Candidates = { x: new Float64Array(0), y: new Float64Array(0), labels: [], communityCodes: [] }
  const xs: number[] = []
  const ys: number[] = []
  for (let key = 0; key < k; key++) {
    if (sw[key] === 0 || (level === 'grid' && keys.codes[key] === '0')) continue
    xs.push(sx[key] / sw[key])
    ys.push(sy[key] / sw[key])
    out.labels.push(level === 'grid' ? keys.names[key] : keys.codes[key])
    out.communityCodes.push(keys.communityCodes[key] ?? null)
  }
  out.x = Float64Array.from(xs)
  out.y = Float64Array.from(ys)
  return out
}

/** Candidate sites; drawn points are checked against the district by the caller (PostGIS). */
function candidatesOf(model: CoverageModel, spec: CandidateSpec, demand: Demand): Candidates {
  if (spec === 'grid-centroids') return centroids(model, 'grid', demand)
  if (spec === 'unit-centroids') return centroids(model, 'unit', demand)
  const lng = Float64Array.from(spec.points, (p) => p[0])
  const lat = Float64Array.from(spec.points, (p) => p[1])
  const { xMeters, yMeters } = toMetricBatch(lng, lat)
  return {
    x: xMeters,
    y: yMeters,
    labels: spec.points.map((_, i) => `point ${i}`),
    communityCodes: spec.points.map(() => null),
  }
}

function assertK(k: number, candidates: Candidates) {
  if (k > candidates.x.length)
    throw badRequest(
      'K_EXCEEDS_CANDIDATES',
      `k = ${k} is larger than the number of candidate sites (${candidates.x.length})`,
    )
}

function siteOf(candidates: Candidates, c: number, rank: number, gain: number): SitingSite {
  const [lng, lat] = toLngLat([candidates.x[c], candidates.y[c]])
  return {
    rank,
    lngLat: [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6],
    candidate: candidates.labels[c],
    communityCode: candidates.communityCodes[c],
    newlyCoveredHouseholds: Math.round(gain * 100) / 100,
  }
}

function coverageResponse(
  model: 'mclp' | 'lscp',
  s: ReturnType<typeof subjectOf>,
  demand: Demand,
  candidates: Candidates,
  result: CoverageSitingResult,
): SitingResponse {
  const finite = (v: number) => (Number.isFinite(v) ? v : null)
  return {
    model,
    distanceMethod: s.method,
    typeCode: s.type.code,
    scenario: s.scenario,
    radiusM: s.radiusM,
    candidateCount: candidates.x.length,
    demandCount: demand.index.length,
    sites: result.sites.map((c, r) => siteOf(candidates, c, r + 1, result.marginalWeights[r])),
    before: { covered: result.weightBefore, share: result.shareBefore },
    after: { covered: result.weightAfter, share: result.shareAfter },
    totalHouseholds: result.totalWeight,
    objective: result.objective,
    bound: finite(result.bound),
    gapPercent: finite(result.gapPercent),
    method: result.method,
    boundSource: result.boundSource,
    solveMillis: Math.round(result.solveMillis * 10) / 10,
  }
}

// core validation errors (bad k, unreachable target) become a 400 naming the value
async function asBadRequest<T>(code: ErrorCodeWithStatus<400>, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof Error && !('statusCode' in error)) throw badRequest(code, error.message)
    throw error
  }
}

export async function runMclp(model: CoverageModel, input: SitingInput & { k: number }): Promise<SitingResponse> {
  const s = subjectOf(model, input)
  const demand = demandOf(model, s.cov.covered, input.street)
  const candidates = candidatesOf(model, input.candidates ?? 'grid-centroids', demand)
  assertK(input.k, candidates)
  const coverage = candidateCoverage(model, s.method, demand, candidates, s.radiusM)
  // the solve runs in the analysis worker: reads go on meanwhile (ADR 25)
  const result = await asBadRequest(
    'BAD_SITING_INPUT',
    () =>
      runAnalysis('mclp', {
        input: { demandWeights: demand.weights, coverage, preCovered: demand.preCovered },
        k: input.k,
        timeLimitSeconds: input.timeLimitSeconds ?? 5,
        exact: input.exact,
      }) as Promise<CoverageSitingResult>,
  )
  return coverageResponse('mclp', s, demand, candidates, result)
}

export async function runLscp(
  model: CoverageModel,
  input: SitingInput & { targetShare: number },
): Promise<SitingResponse> {
  const s = subjectOf(model, input)
  const demand = demandOf(model, s.cov.covered, input.street)
  const candidates = candidatesOf(model, input.candidates ?? 'grid-centroids', demand)
  const coverage = candidateCoverage(model, s.method, demand, candidates, s.radiusM)
  const result = await asBadRequest(
    'TARGET_UNREACHABLE',
    () =>
      runAnalysis('lscp', {
        input: { demandWeights: demand.weights, coverage, preCovered: demand.preCovered },
        targetShare: input.targetShare,
        timeLimitSeconds: input.timeLimitSeconds ?? 5,
        exact: input.exact,
      }) as Promise<CoverageSitingResult>,
  )
  return coverageResponse('lscp', s, demand, candidates, result)
}

/** Largest demand areas × candidates a p-median request may have (the distance matrix is dense). */
export const P_MEDIAN_MAX_PAIRS = 2_000_000

/**
 * p-median on foot counts a walk longer than this many radii (at least WALK_CAP_MIN_M) as that
 * long: one bounded search per candidate fills the dense matrix (ADR 24).
 */
export const WALK_CAP_RADII = 3
export const WALK_CAP_MIN_M = 1000

export async function runPMedian(model: CoverageModel, input: SitingInput & { k: number }): Promise<SitingResponse> {
  const s = subjectOf(model, input)
  const buildings = demandOf(model, s.cov.covered, input.street)
  // demand areas: the grids in scope, at their household-weighted centroids
  const areas = centroids(model, 'grid', buildings)
  const areaWeights = gridWeights(model, buildings, areas)
  const spec = input.candidates ?? 'grid-centroids'
  const n = areas.x.length
  let candidates = candidatesOf(model, spec, buildings)
  const notes: string[] = []
  // the distance matrix is dense: centroid candidates are thinned evenly to fit, drawn ones are not
  if (n * candidates.x.length > P_MEDIAN_MAX_PAIRS && typeof spec === 'string') {
    const all = candidates.x.length
    candidates = thin(candidates, Math.floor(P_MEDIAN_MAX_PAIRS / n))
    notes.push(
      `${candidates.x.length} of ${all} candidates (every ${Math.ceil(all / candidates.x.length)}th) for ${n} demand areas; narrow with "street" to use all`,
    )
  }
  assertK(input.k, candidates)
  const m = candidates.x.length
  if (n * m > P_MEDIAN_MAX_PAIRS)
    throw badRequest(
      'PROBLEM_TOO_LARGE',
      `p-median over ${n} demand areas × ${m} candidates (${n * m} pairs) exceeds ${P_MEDIAN_MAX_PAIRS}: narrow it with "street"`,
    )
  let distance: Float64Array
  let fixedDistance: Float64Array
  if (s.method === 'walk') {
    // walking distances, capped: a demand area farther than the cap from a site counts the cap
    const cap = Math.max(WALK_CAP_MIN_M, WALK_CAP_RADII * s.radiusM)
    const { ctx } = storeFor(model, 'walk').walk!
    const areaAccess = Array.from(areas.x, (x, i) => ctx.snap(x, areas.y[i]))
    const candidateAccess = Array.from(candidates.x, (x, j) => ctx.snap(x, candidates.y[j]))
    distance = cappedDistanceMatrix(ctx.search, areaAccess, candidateAccess, cap)
    // existing facilities of the type (in the scenario) on foot: the type's nearest-distance field
    const hit = { meters: 0, label: 0 }
    fixedDistance = Float64Array.from(areaAccess, (a) => {
      if (!a || !s.cov.field) return cap
      s.cov.field.distanceTo(a.edge, a.t, a.accessM, hit)
      return Math.min(cap, hit.meters)
    })
    notes.push(
      `walking distances along the walk network, capped at ${cap} m (${WALK_CAP_RADII} × the ${s.radiusM} m radius, at least ${WALK_CAP_MIN_M} m): a demand area farther than that from every open site counts ${cap} m`,
    )
  } else {
    distance = new Float64Array(n * m)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++)
        distance[i * m + j] = Math.hypot(areas.x[i] - candidates.x[j], areas.y[i] - candidates.y[j])
    // existing facilities of the type (in the scenario) stay open
    const hit = { slot: -1, distanceMeters: 0 }
    fixedDistance = Float64Array.from(areas.x, (x, i) => s.cov.grid.nearestInto(x, areas.y[i], hit).distanceMeters)
  }
  const note = notes.length > 0 ? notes.join('; ') : undefined
  const result = await asBadRequest(
    'BAD_SITING_INPUT',
    () =>
      runAnalysis('pMedian', {
        input: { demandWeights: areaWeights, candidateCount: m, distance, fixedDistance },
        k: input.k,
        timeLimitSeconds: input.timeLimitSeconds ?? 5,
        exact: input.exact,
      }) as Promise<PMedianResult>,
  )
  // coverage within the radius before and after, over the demand areas
  let total = 0
  let before = 0
  let after = 0
  for (let i = 0; i < n; i++) {
    total += areaWeights[i]
    let best = fixedDistance[i]
    if (best <= s.radiusM) before += areaWeights[i]
    for (const j of result.sites) best = Math.min(best, distance[i * m + j])
    if (best <= s.radiusM) after += areaWeights[i]
  }
  const finite = (v: number) => (Number.isFinite(v) ? v : null)
  return {
    model: 'p-median',
    distanceMethod: s.method,
    typeCode: s.type.code,
    scenario: s.scenario,
    radiusM: s.radiusM,
    candidateCount: m,
    demandCount: n,
    sites: result.sites.map((c, r) =>
      siteOf(candidates, c, r + 1, Number.isFinite(result.marginalReductions[r]) ? result.marginalReductions[r] : 0),
    ),
    before: {
      covered: before,
      share: total > 0 ? before / total : 0,
      totalDistance: finite(result.costBefore) ?? undefined,
    },
    after: { covered: after, share: total > 0 ? after / total : 0, totalDistance: result.objective },
    totalHouseholds: total,
    objective: result.objective,
    bound: finite(result.bound),
    gapPercent: finite(result.gapPercent),
    method: result.method,
    boundSource: result.boundSource,
    solveMillis: Math.round(result.solveMillis * 10) / 10,
    ...(note ? { note } : {}),
  }
}

// every s-th candidate, at most `max`
function thin(c: Candidates, max: number): Candidates {
  const step = Math.ceil(c.x.length / max)
  const keep = Array.from({ length: Math.ceil(c.x.length / step) }, (_, i) => i * step)
  return {
    x: Float64Array.from(keep, (i) => c.x[i]),
    y: Float64Array.from(keep, (i) => c.y[i]),
    labels: keep.map((i) => c.labels[i]),
    communityCodes: keep.map((i) => c.communityCodes[i]),
  }
}

// households per demand area (grid), in the order of `areas`
function gridWeights(model: CoverageModel, demand: Demand, areas: Candidates): Float64Array {
  const keys = model.levels.grid
  const byCode = new Map<string, number>()
  areas.labels.forEach((label, i) => {
    byCode.set(label, i)
  })
  const w = new Float64Array(areas.x.length)
  for (let t = 0; t < demand.index.length; t++) {
    const at = byCode.get(keys.names[keys.of[demand.index[t]]])
    if (at !== undefined) w[at] += demand.weights[t]
  }
  return w
}
