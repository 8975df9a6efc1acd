// Siting inputs as plain arrays: demand weights, and for each candidate the demand indices
// within its radius (sparse), validated once and turned into compressed rows both ways.
import KDBush from 'kdbush'

export interface CoverageProblemInput {
  demandWeights: ArrayLike<number> // households per demand point, finite and >= 0
  coverage: ReadonlyArray<ArrayLike<number>> // candidate -> demand indices within its radius
  preCovered?: ArrayLike<number> // 1 where fixed existing facilities already cover the demand
}

/** Validated problem in CSR form: candidate -> demand and demand -> candidate. */
export interface CoverageProblem {
  demandCount: number
  candidateCount: number
  weights: Float64Array
  preCovered: Uint8Array
  candStart: Int32Array // candidate c covers candItems[candStart[c] .. candStart[c+1])
  candItems: Int32Array
  demandStart: Int32Array // demand i is covered by demandItems[demandStart[i] .. demandStart[i+1])
  demandItems: Int32Array
  weightBefore: number // weight covered by the fixed facilities
  totalWeight: number
}

/** Rejects bad weights or indices with the bad value, dedupes each candidate's list. */
export function createCoverageProblem(input: CoverageProblemInput): CoverageProblem {
  const n = input.demandWeights.length
  const m = input.coverage.length
  const weights = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const w = input.demandWeights[i]
    if (!Number.isFinite(w) || w < 0) throw new Error(`demand weight ${i} is invalid: ${w}`)
    weights[i] = w
  }
  const preCovered = new Uint8Array(n)
  if (input.preCovered) {
    if (input.preCovered.length !== n)
      throw new Error(`preCovered has length ${input.preCovered.length}, expected ${n}`)
    for (let i = 0; i < n; i++) preCovered[i] = input.preCovered[i] ? 1 : 0
  }
  // candidate rows: check indices, drop duplicates
  const candStart = new Int32Array(m + 1)
  const lists: Int32Array[] = []
  const mark = new Int32Array(n).fill(-1)
  for (let c = 0; c < m; c++) {
    const list = input.coverage[c]
    const kept: number[] = []
    for (let k = 0; k < list.length; k++) {
      const i = list[k]
      if (!Number.isInteger(i) || i < 0 || i >= n)
        throw new Error(`coverage[${c}] has demand index ${i} outside 0..${n - 1}`)
      if (mark[i] === c) continue
      mark[i] = c
      kept.push(i)
    }
    lists.push(Int32Array.from(kept))
    candStart[c + 1] = candStart[c] + kept.length
  }
  const candItems = new Int32Array(candStart[m])
  for (let c = 0; c < m; c++) candItems.set(lists[c], candStart[c])
  // transpose to demand rows
  const demandStart = new Int32Array(n + 1)
  for (let k = 0; k < candItems.length; k++) demandStart[candItems[k] + 1]++
  for (let i = 0; i < n; i++) demandStart[i + 1] += demandStart[i]
  const fill = demandStart.slice(0, n)
  const demandItems = new Int32Array(candItems.length)
  for (let c = 0; c < m; c++) {
    for (let k = candStart[c]; k < candStart[c + 1]; k++) demandItems[fill[candItems[k]]++] = c
  }
  let weightBefore = 0
  let totalWeight = 0
  for (let i = 0; i < n; i++) {
    totalWeight += weights[i]
    if (preCovered[i]) weightBefore += weights[i]
  }
  return {
    demandCount: n,
    candidateCount: m,
    weights,
    preCovered,
    candStart,
    candItems,
    demandStart,
    demandItems,
    weightBefore,
    totalWeight,
  }
}

/** Candidate -> demand indices within radiusMeters, from metric points (kd-tree radius queries). */
export function coverageWithinRadius(
  demandX: Float64Array,
  demandY: Float64Array,
  candidateX: Float64Array,
  candidateY: Float64Array,
  radiusMeters: number,
): Int32Array[] {
  if (!(radiusMeters >= 0) || !Number.isFinite(radiusMeters)) throw new Error(`invalid radiusMeters: ${radiusMeters}`)
  if (demandX.length !== demandY.length)
    throw new Error(`demand x/y length mismatch: ${demandX.length} vs ${demandY.length}`)
  if (candidateX.length !== candidateY.length)
    throw new Error(`candidate x/y length mismatch: ${candidateX.length} vs ${candidateY.length}`)
  const index = new KDBush(Math.max(demandX.length, 1), 64, Float64Array)
  for (let i = 0; i < demandX.length; i++) index.add(demandX[i], demandY[i])
  if (demandX.length === 0) index.add(Number.NaN, Number.NaN)
  index.finish()
  const result: Int32Array[] = []
  for (let c = 0; c < candidateX.length; c++) {
    result.push(Int32Array.from(index.within(candidateX[c], candidateY[c], radiusMeters)).sort())
  }
  return result
}

/** Checks a site count k against the number of candidates. */
export function assertSiteCount(k: number, candidateCount: number): void {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be an integer >= 1, got ${k}`)
  if (k > candidateCount) throw new Error(`k = ${k} exceeds the number of candidates (${candidateCount})`)
}
