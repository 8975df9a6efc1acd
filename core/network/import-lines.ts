// An imported row of the walk_network layer → the lines topology is built from. A row states its
// class directly (class, walkable, bridge, tunnel, layer) or carries OSM tags (highway, foot,
// access, bridge, tunnel, layer: an .osm.pbf, or a GeoJSON/Shapefile export of OSM).
import type { Coord } from './geometry'
import { readWayTags } from './osm-tags'
import type { NetworkLine } from './topology'
import type { WalkEdgeClass } from './types'

type Value = string | number | boolean | null | undefined

const YES = new Set(['yes', 'true', '1', 'y', '是', 't'])
const NO = new Set(['no', 'false', '0', 'n', '否', 'f'])
const flag = (v: Value): boolean | null => {
  if (v === null || v === undefined || v === '') return null
  const s = String(v).trim().toLowerCase()
  return YES.has(s) ? true : NO.has(s) ? false : null
}

export type LineReading = { lines: NetworkLine[] } | { skip: string }

export function linesOfRecord(values: Record<string, Value>, geometry: { coordinates: number[][][] }): LineReading {
  const coordsOf = () => geometry.coordinates.map((part) => part.map((p) => [p[0], p[1]] as Coord))
  const cls = values.class ? (String(values.class) as WalkEdgeClass) : null
  let reading: Omit<NetworkLine, 'coords'>
  if (cls) {
    const walkable = flag(values.walkable) ?? cls !== 'expressway'
    const bridge = flag(values.bridge) ?? cls === 'bridge'
    const tunnel = flag(values.tunnel) ?? cls === 'underpass'
    const layer = Number.parseInt(String(values.layer ?? ''), 10)
    reading = { class: cls, walkable, bridge, tunnel, layer: Number.isFinite(layer) ? layer : 0 }
    if (values.name) reading.name = String(values.name)
  } else if (values.highway) {
    const tags = Object.fromEntries(
      ['highway', 'foot', 'access', 'bridge', 'tunnel', 'layer', 'name'].map((k) => [k, values[k]]),
    )
    const way = readWayTags(tags)
    if (!way) return { skip: `highway=${values.highway} is not a way for people` }
    reading = way
    const explicit = flag(values.walkable)
    if (explicit !== null) reading = { ...reading, walkable: explicit }
  } else return { skip: 'neither a walk class nor an OSM highway tag: map the class or highway column' }
  return { lines: coordsOf().map((coords) => ({ ...reading, coords })) }
}
