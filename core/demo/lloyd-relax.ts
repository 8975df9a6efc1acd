// Lloyd relaxation on samples: each round, every site moves to the mean of the sample points
// nearest to it. Samples drawn from a density give a density-weighted centroidal tessellation
// (small cells where samples are dense), and sample means stay inside the sampled region.
import { Delaunay } from 'd3-delaunay'
import type { XY } from './local-plane'

export function lloydRelax(sites: readonly XY[], samples: readonly XY[], rounds: number): XY[] {
  let current = sites.map((p) => [p[0], p[1]] as XY)
  if (current.length < 2 || samples.length === 0) return current
  for (let round = 0; round < rounds; round++) {
    // nearest site of every sample, walking from the previous answer
    const delaunay = Delaunay.from(current)
    const sumX = new Float64Array(current.length)
    const sumY = new Float64Array(current.length)
    const count = new Uint32Array(current.length)
    let hint = 0
    for (const [x, y] of samples) {
      hint = delaunay.find(x, y, hint)
      sumX[hint] += x
      sumY[hint] += y
      count[hint]++
    }
    // move each site to its samples' mean; a site with no samples stays put
    current = current.map((p, i) => (count[i] > 0 ? [sumX[i] / count[i], sumY[i] / count[i]] : p))
  }
  return current
}
