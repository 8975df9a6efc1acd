// OpenStreetMap extracts (.osm.pbf), read on the server (node streams; core/import stays pure and
// takes this reader through ReadOptions.readOsm) → one source table of the ways that carry highway=*, as lines
// in WGS84 with the tags walking needs. Parsed by osm-pbf-parser-node (MIT, maintained, streams
// blocks through pbf and zlib; see ADR 21). Node coordinates are kept only for the ways' refs; a
// way whose nodes are missing from the extract (clipped at its edge) is cut into the parts it has.
import { Readable } from 'node:stream'
import { OSMTransform } from 'osm-pbf-parser-node'
import { ImportFileError, type SourceRow, type SourceTable } from '../../../core/import/read-file'

/** The tags kept as columns, in this order. */
export const OSM_COLUMNS = ['osm_id', 'highway', 'name', 'foot', 'access', 'bridge', 'tunnel', 'layer'] as const
const TAGS = OSM_COLUMNS.filter((c) => c !== 'osm_id')

interface OsmNode {
  type: 'node'
  id: number
  lat: number
  lon: number
}
interface OsmWay {
  type: 'way'
  id: number
  refs: number[]
  tags?: Record<string, string>
}

export async function readOsmPbf(filename: string, bytes: Uint8Array): Promise<SourceTable> {
  const coords = new Map<number, [number, number]>()
  const ways: OsmWay[] = []
  try {
    const parser = new OSMTransform({ withTags: { node: false, way: TAGS, relation: false }, withInfo: false })
    const stream = Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]).pipe(parser)
    for await (const item of stream as AsyncIterable<unknown>) {
      if (!Array.isArray(item)) continue // the header block
      for (const e of item as (OsmNode | OsmWay | { type: 'relation' })[]) {
        if (e.type === 'node') coords.set(e.id, [e.lon, e.lat])
        else if (e.type === 'way' && e.tags?.highway) ways.push(e)
      }
    }
  } catch (err) {
    throw new ImportFileError(
      'BAD_OSM',
      `${filename} is not a readable OpenStreetMap .osm.pbf: ${(err as Error).message}`,
    )
  }
  const rows: SourceRow[] = []
  for (const way of ways) {
    const parts: [number, number][][] = [[]]
    for (const ref of way.refs) {
      const c = coords.get(ref)
      if (c) parts[parts.length - 1].push(c)
      else if (parts[parts.length - 1].length > 0) parts.push([])
    }
    const lines = parts.filter((p) => p.length >= 2)
    if (lines.length === 0) continue
    const attrs: SourceRow['attrs'] = { osm_id: way.id }
    for (const t of TAGS) {
      const v = way.tags?.[t]
      // layer as a number: text beginning with "-" would read as a spreadsheet formula
      attrs[t] = v === undefined ? null : t === 'layer' && Number.isFinite(Number(v)) ? Number(v) : v
    }
    rows.push({
      attrs,
      geometry:
        lines.length === 1
          ? { type: 'LineString', coordinates: lines[0] }
          : { type: 'MultiLineString', coordinates: lines },
    })
  }
  if (rows.length === 0)
    throw new ImportFileError(
      'BAD_OSM',
      `${filename} has no ways tagged highway=*: nothing to build a walk network from`,
    )
  return {
    name: filename.replace(/\.osm\.pbf$|\.pbf$/i, ''),
    headers: [...OSM_COLUMNS],
    rows,
    crs: { code: 'EPSG:4326', source: 'file', reason: 'OpenStreetMap data is WGS84' },
    encoding: { encoding: 'utf-8', source: 'declared', garbled: false },
  }
}
