// Sutherland–Hodgman: a convex polygon clipped by a convex counter-clockwise polygon.
// Exact for convex ∩ convex (the result is convex), and ~100× faster than general clipping.
import type { XY } from './local-plane'
import type { Ring } from './planar-polygon'

export function clipConvex(subject: readonly XY[], clip: readonly XY[]): Ring {
  // work on open rings
  let output: XY[] = subject.slice(0, subject.length - 1)
  for (let i = 0; i < clip.length - 1 && output.length > 0; i++) {
    const [ax, ay] = clip[i]
    const [bx, by] = clip[i + 1]
    const input = output
    output = []
    // side > 0: left of a→b, inside a counter-clockwise clip polygon
    const side = (p: XY): number => (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax)
    for (let j = 0; j < input.length; j++) {
      const p = input[j]
      const q = input[(j + 1) % input.length]
      const sp = side(p)
      const sq = side(q)
      if (sp >= 0) output.push(p)
      // the edge p→q crosses the clip line: keep the crossing point
      if ((sp >= 0 && sq < 0) || (sp < 0 && sq >= 0)) {
        const t = sp / (sp - sq)
        output.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])])
      }
    }
  }
  if (output.length === 0) return []
  output.push(output[0])
  return output
}
