import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { linesOfRecord } from '../network/import-lines'
import { buildTopology, type NetworkLine } from '../network/topology'
import { osmWalkFixture } from './fixtures/osm-walk'
import { writeOsmPbf } from './fixtures/write-osm-pbf'
import { formatOf, ImportFileError, readImportFile } from './read-file'

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
