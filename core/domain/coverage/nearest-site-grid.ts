// Nearest-site queries over a few hundred facility points: a uniform bucket grid searched in
// growing square rings until no unvisited cell can hold a closer site.

export interface NearestHit {
  slot: number // -1 when there is no site
  distanceMeters: number // Infinity when there is no site
}

export interface NearestSiteGrid {
  nearest(x: number, y: number): NearestHit
  /** Allocation-free form for hot loops: overwrites and returns `out`. */
  nearestInto(x: number, y: number, out: NearestHit): NearestHit
  /** Slots of the sites within radiusMeters of (x, y), written into `out`; returns their count. */
  withinInto(x: number, y: number, radiusMeters: number, out: Int32Array): number
}

/** Builds a grid over the sites whose `alive` flag is set; slots are the input indices. */
export function createNearestSiteGrid(
  xMeters: readonly number[],
  yMeters: readonly number[],
  alive: readonly boolean[],
): NearestSiteGrid {
  const slots: number[] = []
  for (let i = 0; i < xMeters.length; i++) if (alive[i]) slots.push(i)
  if (slots.length === 0) {
    const nearestInto = (_x: number, _y: number, out: NearestHit) => {
      out.slot = -1
      out.distanceMeters = Number.POSITIVE_INFINITY
      return out
    }
    return { nearestInto, nearest: (x, y) => nearestInto(x, y, { slot: -1, distanceMeters: 0 }), withinInto: () => 0 }
  }
  // bounding box of the sites
  let minX = Number.POSITIVE_INFINITY
  let minY = Number.POSITIVE_INFINITY
  let maxX = Number.NEGATIVE_INFINITY
  let maxY = Number.NEGATIVE_INFINITY
  for (const s of slots) {
    minX = Math.min(minX, xMeters[s])
    minY = Math.min(minY, yMeters[s])
    maxX = Math.max(maxX, xMeters[s])
    maxY = Math.max(maxY, yMeters[s])
  }
  // about two sites per cell
  const width = Math.max(maxX - minX, 1)
  const height = Math.max(maxY - minY, 1)
  const cellSize = Math.max(Math.sqrt((width * height * 2) / slots.length), 1)
  const cols = Math.floor(width / cellSize) + 1
  const rows = Math.floor(height / cellSize) + 1
  // counting sort of the sites into cells (CSR layout)
  const cellOf = (x: number, y: number) =>
    Math.min(rows - 1, Math.max(0, Math.floor((y - minY) / cellSize))) * cols +
    Math.min(cols - 1, Math.max(0, Math.floor((x - minX) / cellSize)))
  const start = new Int32Array(cols * rows + 1)
  for (const s of slots) start[cellOf(xMeters[s], yMeters[s]) + 1]++
  for (let c = 0; c < cols * rows; c++) start[c + 1] += start[c]
  const fill = start.slice(0, cols * rows)
  const items = new Int32Array(slots.length)
  const itemX = new Float64Array(slots.length)
  const itemY = new Float64Array(slots.length)
  for (const s of slots) {
    const k = fill[cellOf(xMeters[s], yMeters[s])]++
    items[k] = s
    itemX[k] = xMeters[s]
    itemY[k] = yMeters[s]
  }
  const maxRing = Math.max(cols, rows)

  function nearestInto(x: number, y: number, out: NearestHit): NearestHit {
    // the cell holding the query point (clamped: projecting onto the grid never lengthens a distance)
    const cx = Math.min(cols - 1, Math.max(0, Math.floor((x - minX) / cellSize)))
    const cy = Math.min(rows - 1, Math.max(0, Math.floor((y - minY) / cellSize)))
    let best2 = Number.POSITIVE_INFINITY
    let bestSlot = -1
    for (let ring = 0; ring <= maxRing; ring++) {
      // stop once every cell of this ring is farther than the best found: (ring - 1) cells away
      const reach = (ring - 1) * cellSize
      if (ring > 0 && reach > 0 && reach * reach > best2) break
      const y0 = cy - ring
      const y1 = cy + ring
      for (let gy = Math.max(0, y0); gy <= Math.min(rows - 1, y1); gy++) {
        // cells on the ring's border only: full rows at top and bottom, two cells elsewhere
        const step = gy === y0 || gy === y1 ? 1 : 2 * ring
        for (let gx = cx - ring; gx <= cx + ring; gx += Math.max(step, 1)) {
          if (gx < 0 || gx >= cols) continue
          const c = gy * cols + gx
          for (let k = start[c]; k < start[c + 1]; k++) {
            const dx = itemX[k] - x
            const dy = itemY[k] - y
            const d2 = dx * dx + dy * dy
            if (d2 < best2 || (d2 === best2 && items[k] < bestSlot)) {
              best2 = d2
              bestSlot = items[k]
            }
          }
        }
      }
    }
    out.slot = bestSlot
    out.distanceMeters = Math.sqrt(best2)
    return out
  }
  function withinInto(x: number, y: number, radiusMeters: number, out: Int32Array): number {
    // the cells overlapping the circle's bounding box
    const x0 = Math.max(0, Math.floor((x - radiusMeters - minX) / cellSize))
    const x1 = Math.min(cols - 1, Math.floor((x + radiusMeters - minX) / cellSize))
    const y0 = Math.max(0, Math.floor((y - radiusMeters - minY) / cellSize))
    const y1 = Math.min(rows - 1, Math.floor((y + radiusMeters - minY) / cellSize))
    const r2 = radiusMeters * radiusMeters
    let count = 0
    for (let gy = y0; gy <= y1; gy++) {
      for (let gx = x0; gx <= x1; gx++) {
        const c = gy * cols + gx
        for (let k = start[c]; k < start[c + 1]; k++) {
          const dx = itemX[k] - x
          const dy = itemY[k] - y
          if (dx * dx + dy * dy <= r2) out[count++] = items[k]
        }
      }
    }
    return count
  }

  return { nearestInto, withinInto, nearest: (x, y) => nearestInto(x, y, { slot: -1, distanceMeters: 0 }) }
}
