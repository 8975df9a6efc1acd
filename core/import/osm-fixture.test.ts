import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { linesOfRecord } from '../network/import-lines'
import { buildTopology, type NetworkLine } from '../network/topology'
import { encodeGbk } from './fixtures/gbk'
import { osmWalkFixture } from './fixtures/osm-walk'
import { writeOsmPbf } from './fixtures/write-osm-pbf'
import { writeShapefile } from './fixtures/write-shapefile'
import { importLayer } from './layers'
import { formatOf, ImportFileError, readImportFile } from './read-file'
import { validateRows } from './validate'

const bytes = readFileSync(new URL('./fixtures/walk-tanggu.osm.pbf', import.meta.url))
// the .osm.pbf reader is the server's (node streams): tests/api/import-network.test.ts reads the file
const { nodes, ways } = osmWalkFixture()
const coords = new Map(nodes.map((n) => [n.id, [n.lng, n.lat] as [number, number]]))

describe('the .osm.pbf fixture', () => {
  it('is the committed fixture, as the fixture script writes it', () => {
    expect(Buffer.from(writeOsmPbf(nodes, ways)).equals(bytes)).toBe(true)
    expect(formatOf('tianjin-latest.osm.pbf')).toBe('osm')
  })

  it('builds a network from the fixture’s tags: the footbridge joins, the motorway viaduct does not, the path loop is an island', async () => {
    const lines: NetworkLine[] = []
    for (const w of ways) {
      const line = w.refs.flatMap((ref) => (coords.has(ref) ? [coords.get(ref)!] : []))
      if (line.length < 2) continue // the clipped way
      const reading = linesOfRecord(w.tags, { coordinates: [line] })
      if ('lines' in reading) lines.push(...reading.lines)
    }
    const { network, report } = buildTopology(lines)
    const motorway = network.edges.find((e) => e.class === 'expressway')!
    expect(motorway.walkable).toBe(false)
    // no node of the grid is on the motorway
    const gridNodes = new Set(network.edges.filter((e) => e.walkable).flatMap((e) => [e.source, e.target]))
    expect(gridNodes.has(motorway.source) || gridNodes.has(motorway.target)).toBe(false)
    expect(report.crossingsPassing).toBeGreaterThan(0)
    expect(report.crossingsNoded).toBe(0)
    const bridge = network.edges.find((e) => e.name === '人行桥')!
    expect(bridge).toMatchObject({ class: 'bridge', bridge: true, walkable: true })
    expect(network.edges.find((e) => e.class === 'expressway' && e.walkable)).toBeUndefined()
    expect(network.edges.some((e) => e.walkable && e.coords.some((c) => Math.abs(c[0] - 117.706) < 1e-9))).toBe(true) // trunk, foot=yes
    expect(report.islands).toHaveLength(1)
    expect(report.islands[0].lng).toBeCloseTo(117.71, 6)
  })

  it('is read on the server only: core without the reader refuses it, saying so', async () => {
    await expect(readImportFile('x.osm.pbf', bytes, { maxUnzippedBytes: 1e8 })).rejects.toBeInstanceOf(ImportFileError)
  })
})

describe('a walk network from a zipped Shapefile of lines with GBK names', () => {
  it('reads the polylines, validates them as walk network rows and builds the network', async () => {
    const zip = writeShapefile(
      [
        {
          geometry: {
            type: 'LineString',
            coordinates: [
              [117.7, 39.021],
              [117.704, 39.021],
            ],
          },
          properties: { 路名: '新港路', 类别: '支路' },
        },
        {
          geometry: {
            type: 'LineString',
            coordinates: [
              [117.702, 39.02],
              [117.702, 39.022],
            ],
          },
          properties: { 路名: '河滨步道', 类别: '人行道' },
        },
        {
          geometry: {
            type: 'MultiLineString',
            coordinates: [
              [
                [117.703, 39.019],
                [117.703, 39.023],
              ],
            ],
          },
          properties: { 路名: '跨线桥', 类别: '桥' },
        },
      ],
      { encodeText: encodeGbk, languageDriver: 0x4d },
    ).zip
    const [t] = (await readImportFile('roads.zip', zip, { maxUnzippedBytes: 1e8 })).tables
    expect(t.rows.map((r) => r.attrs.路名)).toEqual(['新港路', '河滨步道', '跨线桥'])
    const layer = importLayer('walk_network')
    const mapping = { fields: { name: '路名', class: '类别' }, coordinates: null }
    const v = validateRows(layer, t.rows, mapping, 'EPSG:4326')
    expect(v.problems).toEqual([])
    expect(v.records.map((r) => r.values.class)).toEqual(['residential', 'footway', 'bridge'])
    expect(v.records[0].geometry?.type).toBe('MultiLineString')
    const lines = v.records.flatMap((r) => {
      const reading = linesOfRecord(r.values, r.geometry as GeoJSON.MultiLineString)
      return 'lines' in reading ? reading.lines : []
    })
    const { network, report } = buildTopology(lines)
    // the street and the path cross at grade (a node); the bridge passes over the street
    expect(report).toMatchObject({ crossingsNoded: 1, crossingsPassing: 1 })
    expect(network.edges.filter((e) => e.class === 'bridge')).toHaveLength(1)
    expect(report.islands).toHaveLength(1)
  })
})
