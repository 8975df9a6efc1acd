// Weighted points summed into pointy-top hexagons of a given size, in metric x/y (EPSG:4548):
// the zoomed-out gap surface. Axial coordinates, cube rounding (redblobgames.com/grids/hexagons).

export interface HexBin {
  q: number // axial column
  r: number // axial row
  xMeters: number // centre
  yMeters: number
  weight: number
  count: number
}

/** Sums weights per hexagon of circumradius sizeMeters; only points with selected[i] (when given). */
export function hexBins(
  xMeters: ArrayLike<number>,
  yMeters: ArrayLike<number>,
  weights: ArrayLike<number>,
  sizeMeters: number,
  selected?: (i: number) => boolean,
): HexBin[] {
  if (!(sizeMeters > 0) || !Number.isFinite(sizeMeters)) throw new Error(`invalid sizeMeters: ${sizeMeters}`)
  const bins = new Map<string, HexBin>()
  const sqrt3 = Math.sqrt(3)
  for (let i = 0; i < xMeters.length; i++) {
    if (selected && !selected(i)) continue
    // fractional axial coordinates of the point
    const x = xMeters[i] / sizeMeters
    const y = yMeters[i] / sizeMeters
    const qf = (sqrt3 / 3) * x - y / 3
    const rf = (2 / 3) * y
    // cube rounding: round all three, fix the one with the largest error
    const sf = -qf - rf
    let q = Math.round(qf)
    let r = Math.round(rf)
    const s = Math.round(sf)
    const dq = Math.abs(q - qf)
    const dr = Math.abs(r - rf)
    const ds = Math.abs(s - sf)
    if (dq > dr && dq > ds) q = -r - s
    else if (dr > ds) r = -q - s
    const key = `${q},${r}`
    let bin = bins.get(key)
    if (!bin) {
      bin = { q, r, xMeters: sizeMeters * sqrt3 * (q + r / 2), yMeters: sizeMeters * 1.5 * r, weight: 0, count: 0 }
      bins.set(key, bin)
    }
    bin.weight += weights[i]
    bin.count++
  }
  return [...bins.values()]
}

/** The six corners of a pointy-top hexagon around (x, y), metres, counter-clockwise from the right. */
export function hexCorners(xMeters: number, yMeters: number, sizeMeters: number): [number, number][] {
  const corners: [number, number][] = []
  for (let k = 0; k < 6; k++) {
    const angle = (Math.PI / 180) * (60 * k - 30)
    corners.push([xMeters + sizeMeters * Math.cos(angle), yMeters + sizeMeters * Math.sin(angle)])
  }
  return corners
}
