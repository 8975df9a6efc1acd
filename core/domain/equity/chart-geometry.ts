// Chart geometry for the equalization panel and the printable report (pure, no DOM): linear
// scales, nice ticks, box-plot positions, the Lorenz curve as an SVG path, Theil split widths,
// and quantile classes for a choropleth. The web panel and the server's report draw the same SVG.
import type { BoxSummary } from './summary'

export interface LinearScale {
  (value: number): number
  domain: [number, number]
  range: [number, number]
}

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps everything to the middle of the range. */
export function linearScale(domain: [number, number], range: [number, number]): LinearScale {
  const [d0, d1] = domain
  const [r0, r1] = range
  if (![d0, d1, r0, r1].every(Number.isFinite))
    throw new RangeError(`scale needs finite numbers, got ${domain} → ${range}`)
  const f = ((value: number) =>
    d1 === d0 ? (r0 + r1) / 2 : r0 + ((value - d0) / (d1 - d0)) * (r1 - r0)) as LinearScale
  f.domain = [d0, d1]
  f.range = [r0, r1]
  return f
}

/** About `count` round tick values covering [min, max] (steps of 1, 2 or 5 × 10^k). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max))
    throw new RangeError(`ticks need finite bounds, got ${min}, ${max}`)
  if (max < min) [min, max] = [max, min]
  if (max === min) return [min]
  const raw = (max - min) / Math.max(1, count)
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power
  const ticks: number[] = []
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)))
  return ticks
}

/** Screen positions of one horizontal box plot. Whiskers span min–max (no outlier rule). */
export interface BoxGeometry {
  whiskerLow: number
  q1: number
  median: number
  q3: number
  whiskerHigh: number
  mean: number
}

export function boxGeometry(
  summary: Pick<BoxSummary, 'min' | 'q1' | 'median' | 'q3' | 'max' | 'mean'>,
  x: LinearScale,
): BoxGeometry {
  return {
    whiskerLow: x(summary.min),
    q1: x(summary.q1),
    median: x(summary.median),
    q3: x(summary.q3),
    whiskerHigh: x(summary.max),
    mean: x(summary.mean),
  }
}

/** The common value domain of several box summaries, padded to nice ticks. */
export function boxDomain(summaries: readonly (Pick<BoxSummary, 'min' | 'max'> | null)[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (const s of summaries) {
    if (!s) continue
    lo = Math.min(lo, s.min)
    hi = Math.max(hi, s.max)
  }
  if (lo > hi) return [0, 1]
  const ticks = niceTicks(Math.min(lo, 0), hi === lo ? lo + 1 : hi)
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1
  const last = ticks[ticks.length - 1]
  return [ticks[0], last < hi ? Number((last + step).toPrecision(12)) : last]
}

/** SVG path `d` of a Lorenz curve in a width × height box (origin bottom-left of the chart). */
export function lorenzPath(points: readonly [number, number][], width: number, height: number): string {
  if (points.length === 0) return ''
  const fmt = (v: number) => Number(v.toFixed(2))
  return points.map(([p, v], i) => `${i === 0 ? 'M' : 'L'}${fmt(p * width)},${fmt(height - v * height)}`).join('')
}

/** Widths of the between and within parts of a Theil total in a bar `width` wide. */
export function theilSplit(between: number, within: number, width: number): { between: number; within: number } {
  const b = Math.max(0, between)
  const w = Math.max(0, within)
  const total = b + w
  if (total === 0) return { between: 0, within: 0 }
  return { between: (b / total) * width, within: (w / total) * width }
}

/** Class breaks at the k-quantiles of the values (nulls ignored); k − 1 ascending breaks. */
export function quantileBreaks(values: readonly (number | null)[], k = 5): number[] {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b)
  if (xs.length === 0) return []
  const breaks: number[] = []
  for (let i = 1; i < k; i++) breaks.push(xs[Math.min(xs.length - 1, Math.floor((i / k) * xs.length))])
  return breaks
}

/** The class (0 … breaks.length) of a value: the number of breaks it is at or above. */
export function classOf(value: number, breaks: readonly number[]): number {
  let c = 0
  while (c < breaks.length && value >= breaks[c]) c++
  return c
}

/** Sequential colours for five classes (ColorBrewer YlGnBu-5), low → high. */
export const SEQUENTIAL_5: readonly [number, number, number][] = [
  [255, 255, 204],
  [161, 218, 180],
  [65, 182, 196],
  [44, 127, 184],
  [37, 52, 148],
]

/** The colour for a value; `higherIsBetter: false` reverses the ramp so dark always means better. */
export function choroplethColour(
  value: number | null,
  breaks: readonly number[],
  higherIsBetter: boolean,
): [number, number, number] | null {
  if (value === null || !Number.isFinite(value)) return null
  const c = Math.min(classOf(value, breaks), SEQUENTIAL_5.length - 1)
  return SEQUENTIAL_5[higherIsBetter ? c : SEQUENTIAL_5.length - 1 - c]
}
