// The simple baseline: per community, sort units west → east and cut every ~target households.
// No connectivity or compactness guarantee; it is what "Propose grids" is measured against.
import { validateSettings } from './balance'
import { indexGraph } from './graph-index'
import { planarCentroids } from './propose'
import type { GridSettings, UnitGraph } from './types'

export function greedySweep(graph: UnitGraph, settings: GridSettings): Int32Array {
  validateSettings(settings)
  const index = indexGraph(graph)
  const xy = planarCentroids(graph)
  const assign = new Int32Array(index.n).fill(-1)
  let grid = -1
  for (let c = 0; c < index.communities.length; c++) {
    // 1. the community's units west → east (ties south → north, then index)
    const units: number[] = []
    for (let u = 0; u < index.n; u++) if (index.community[u] === c) units.push(u)
    units.sort((a, b) => xy[2 * a] - xy[2 * b] || xy[2 * a + 1] - xy[2 * b + 1] || a - b)
    // 2. open a new grid when adding the next unit lands farther from the target than stopping
    let acc = 0
    grid++
    for (const u of units) {
      const h = index.households[u]
      if (acc > 0 && Math.abs(acc + h - settings.targetHouseholds) > Math.abs(acc - settings.targetHouseholds)) {
        grid++
        acc = 0
      }
      assign[u] = grid
      acc += h
    }
  }
  return assign
}
