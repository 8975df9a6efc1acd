// Covered and unserved totals by any dense integer key (grid, community, street, urbanRural);
// pass no keys for the district total. Both sums are accumulated, so covered + unserved = total
// holds exactly for integer weights.

export interface CoverageTotals {
  total: Float64Array // weight of all buildings with the key
  covered: Float64Array
  unserved: Float64Array
  share: Float64Array // covered / total, 0 where total is 0
}

/** Sums weights (households or residents) of covered / uncovered buildings per key. */
export function aggregateCoverage(
  weights: Float64Array,
  covered: Uint8Array,
  keys?: Int32Array,
  keyCount?: number,
): CoverageTotals {
  if (covered.length !== weights.length)
    throw new Error(`covered has length ${covered.length}, expected ${weights.length}`)
  if (keys && keys.length !== weights.length)
    throw new Error(`keys has length ${keys.length}, expected ${weights.length}`)
  // number of keys: given, or one past the largest key
  let k = keyCount ?? 1
  if (keys && keyCount === undefined) for (let i = 0; i < keys.length; i++) k = Math.max(k, keys[i] + 1)
  const totals: CoverageTotals = {
    total: new Float64Array(k),
    covered: new Float64Array(k),
    unserved: new Float64Array(k),
    share: new Float64Array(k),
  }
  // one pass, two accumulators
  for (let i = 0; i < weights.length; i++) {
    const key = keys ? keys[i] : 0
    if (key < 0 || key >= k) throw new Error(`key ${key} at ${i} is outside 0..${k - 1}`)
    if (covered[i]) totals.covered[key] += weights[i]
    else totals.unserved[key] += weights[i]
  }
  for (let key = 0; key < k; key++) {
    totals.total[key] = totals.covered[key] + totals.unserved[key]
    totals.share[key] = totals.total[key] > 0 ? totals.covered[key] / totals.total[key] : 0
  }
  return totals
}
