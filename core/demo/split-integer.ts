// Splits a non-negative integer total into parts proportional to weights (largest remainder),
// each part at least `minPart` when the total allows it.
export function splitInteger(total: number, weights: readonly number[], minPart = 0): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`total must be a non-negative integer, got ${total}`)
  if (weights.length === 0) throw new Error('splitInteger needs at least one weight')
  for (const w of weights) if (!(w > 0) || !Number.isFinite(w)) throw new Error(`weights must be positive, got ${w}`)
  const n = weights.length
  // reserve the minimum per part, then share the rest by weight
  const floor = Math.min(minPart, Math.floor(total / n))
  const rest = total - floor * n
  const sumW = weights.reduce((s, w) => s + w, 0)
  const exact = weights.map((w) => (rest * w) / sumW)
  const parts = exact.map((x) => Math.floor(x))
  let left = rest - parts.reduce((s, x) => s + x, 0)
  // hand the remainder to the largest fractional parts (ties by index)
  const order = exact.map((_, i) => i).sort((a, b) => exact[b] - parts[b] - (exact[a] - parts[a]) || a - b)
  for (let k = 0; left > 0; k++, left--) parts[order[k % n]]++
  return parts.map((p) => p + floor)
}
