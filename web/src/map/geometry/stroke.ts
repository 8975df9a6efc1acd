// Points along a pointer stroke, in screen pixels: from the last position (exclusive) to the
// current one (inclusive), at most `stepPx` apart, so that a fast brush stroke skips nothing.
export interface Pixel {
  x: number
  y: number
}

export function strokeSamples(from: Pixel, to: Pixel, stepPx: number): Pixel[] {
  if (!(stepPx > 0)) throw new Error(`stroke step must be a positive number of pixels, got ${stepPx}`)
  const steps = Math.max(1, Math.ceil(Math.hypot(to.x - from.x, to.y - from.y) / stepPx))
  const out: Pixel[] = []
  for (let i = 1; i <= steps; i++)
    out.push({ x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps })
  return out
}
