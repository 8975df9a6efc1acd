// The demand for coverage: building points (楼栋 / 农户) in metric x/y (EPSG:4548) with their
// households and residents, integer keys for the levels they roll up to, and a static kd-tree.
import KDBush from 'kdbush'

/** Dense integer keys (0..K-1) per building, e.g. grid, community, street, urbanRural (0 urban, 1 rural). */
export type DemandKeys = Record<string, Int32Array>

export interface DemandInput {
  xMeters: Float64Array
  yMeters: Float64Array
  households: Float64Array
  residents?: Float64Array // defaults to zeros
  keys?: DemandKeys
}

export interface DemandIndex {
  count: number
  xMeters: Float64Array
  yMeters: Float64Array
  households: Float64Array
  residents: Float64Array
  keys: DemandKeys
  index: KDBush // ids are building indices
  blocks: DemandBlocks
  totalHouseholds: number
}

/** Buildings bucketed by square cells, for block-at-a-time nearest-site search. */
export interface DemandBlocks {
  cellMeters: number
  order: Int32Array // building indices, block by block
  start: Int32Array // block k holds order[start[k] .. start[k+1])
  minX: Float64Array // tight bbox of each block's buildings
  minY: Float64Array
  maxX: Float64Array
  maxY: Float64Array
}

/** Buckets points by cellMeters-square cells (only non-empty cells become blocks). */
export function createDemandBlocks(xMeters: Float64Array, yMeters: Float64Array, cellMeters = 500): DemandBlocks {
  if (!(cellMeters > 0)) throw new Error(`invalid cellMeters: ${cellMeters}`)
  const n = xMeters.length
  // cell key per building, then buildings sorted by key
  const keys = new Map<number, number[]>()
  for (let i = 0; i < n; i++) {
    const key = Math.floor(xMeters[i] / cellMeters) * 1e7 + Math.floor(yMeters[i] / cellMeters)
    const list = keys.get(key)
    if (list) list.push(i)
    else keys.set(key, [i])
  }
  const k = keys.size
  const blocks: DemandBlocks = {
    cellMeters,
    order: new Int32Array(n),
    start: new Int32Array(k + 1),
    minX: new Float64Array(k).fill(Number.POSITIVE_INFINITY),
    minY: new Float64Array(k).fill(Number.POSITIVE_INFINITY),
    maxX: new Float64Array(k).fill(Number.NEGATIVE_INFINITY),
    maxY: new Float64Array(k).fill(Number.NEGATIVE_INFINITY),
  }
  // one block per non-empty cell, with its tight bbox
  let at = 0
  let block = 0
  for (const list of keys.values()) {
    for (const i of list) {
      blocks.order[at++] = i
      blocks.minX[block] = Math.min(blocks.minX[block], xMeters[i])
      blocks.minY[block] = Math.min(blocks.minY[block], yMeters[i])
      blocks.maxX[block] = Math.max(blocks.maxX[block], xMeters[i])
      blocks.maxY[block] = Math.max(blocks.maxY[block], yMeters[i])
    }
    blocks.start[++block] = at
  }
  return blocks
}

/** Validates the building arrays and builds the kd-tree (node size 64). */
export function createDemandIndex(input: DemandInput): DemandIndex {
  const n = input.xMeters.length
  const residents = input.residents ?? new Float64Array(n)
  // every array must have one entry per building
  const lengths: [string, number][] = [
    ['yMeters', input.yMeters.length],
    ['households', input.households.length],
    ['residents', residents.length],
  ]
  for (const [name, keys] of Object.entries(input.keys ?? {})) lengths.push([`keys.${name}`, keys.length])
  for (const [name, length] of lengths) {
    if (length !== n) throw new Error(`${name} has length ${length}, expected ${n} (xMeters.length)`)
  }
  // coordinates finite, weights finite and non-negative, keys non-negative
  let totalHouseholds = 0
  for (let i = 0; i < n; i++) {
    const x = input.xMeters[i]
    const y = input.yMeters[i]
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`building ${i} has invalid x/y: ${x}, ${y}`)
    const h = input.households[i]
    if (!(h >= 0) || h === Number.POSITIVE_INFINITY) throw new Error(`building ${i} has invalid households: ${h}`)
    const r = residents[i]
    if (!(r >= 0) || r === Number.POSITIVE_INFINITY) throw new Error(`building ${i} has invalid residents: ${r}`)
    totalHouseholds += h
  }
  for (const [name, keys] of Object.entries(input.keys ?? {})) {
    for (let i = 0; i < n; i++) {
      if (keys[i] < 0) throw new Error(`keys.${name}[${i}] is negative: ${keys[i]}`)
    }
  }
  // static kd-tree over the points for radius queries
  const index = new KDBush(Math.max(n, 1), 64, Float64Array)
  for (let i = 0; i < n; i++) index.add(input.xMeters[i], input.yMeters[i])
  if (n === 0) index.add(Number.NaN, Number.NaN) // KDBush needs one item; a NaN point never matches
  index.finish()
  return {
    count: n,
    xMeters: input.xMeters,
    yMeters: input.yMeters,
    households: input.households,
    residents,
    keys: input.keys ?? {},
    index,
    blocks: createDemandBlocks(input.xMeters, input.yMeters),
    totalHouseholds,
  }
}
