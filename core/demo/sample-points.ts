// Random points inside a region by rejection, optionally from a caller's proposal density.
import type { XY } from './local-plane'
import { distanceToBoundaryM, type Parts, partsBBox, pointInParts } from './planar-polygon'
import type { Random } from './random'

export type Proposal = (rng: Random) => XY

export function uniformProposal(parts: Parts): Proposal {
  const b = partsBBox(parts)
  return (rng) => [rng.range(b.minX, b.maxX), rng.range(b.minY, b.maxY)]
}

// Up to `count` points inside `parts` drawn from `propose` (uniform over the bbox by default).
// Gives up after 50 tries per point, so a thin region may return fewer points.
export function samplePointsInside(parts: Parts, count: number, rng: Random, propose?: Proposal): XY[] {
  const draw = propose ?? uniformProposal(parts)
  const out: XY[] = []
  for (let tries = 0; out.length < count && tries < count * 50; tries++) {
    const p = draw(rng)
    if (pointInParts(p[0], p[1], parts)) out.push(p)
  }
  return out
}

// One point strictly inside `parts`, at least marginM from its boundary when the region allows;
// falls back to the interior point of the widest horizontal chord.
export function randomPointInside(parts: Parts, rng: Random, marginM: number): XY {
  const b = partsBBox(parts)
  for (let tries = 0; tries < 60; tries++) {
    const x = rng.range(b.minX, b.maxX)
    const y = rng.range(b.minY, b.maxY)
    if (pointInParts(x, y, parts) && distanceToBoundaryM(x, y, parts) >= marginM) return [x, y]
  }
  return interiorPoint(parts)
}

// The midpoint of the widest interval where a horizontal line crosses the region; the line is
// tried at several heights of each part so that it never runs along an edge or through a vertex.
export function interiorPoint(parts: Parts): XY {
  let best: XY | null = null
  let bestWidth = -1
  for (const ring of parts) {
    const b = partsBBox([ring])
    for (const f of [0.5, 0.37, 0.63, 0.21, 0.79]) {
      const y = b.minY + f * (b.maxY - b.minY)
      const xs: number[] = []
      for (const r of parts)
        for (let i = 0; i < r.length - 1; i++) {
          const [x0, y0] = r[i]
          const [x1, y1] = r[i + 1]
          if (y0 > y !== y1 > y) xs.push(x0 + ((y - y0) * (x1 - x0)) / (y1 - y0))
        }
      xs.sort((p, q) => p - q)
      for (let i = 0; i + 1 < xs.length; i += 2) {
        if (xs[i + 1] - xs[i] > bestWidth) {
          bestWidth = xs[i + 1] - xs[i]
          best = [(xs[i] + xs[i + 1]) / 2, y]
        }
      }
    }
  }
  if (!best) throw new Error('no interior point in an empty region')
  return best
}
