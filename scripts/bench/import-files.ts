// The files of the import benchmark (scripts/bench/import.ts), written by a process of their own so
// that the demo world's generation (about 1 GB of heap) is not counted in the import's peak memory:
//   npx tsx scripts/bench/import-files.ts <dir> [--seed 20230101]
// writes units.zip and buildings.zip (Shapefile), units.csv (WKT) and buildings.csv (lng/lat), the
// same rows as EWKT CSV for the COPY baseline (copy-units.csv, copy-buildings.csv), and base.json:
// the district, streets and communities the import goes into, and the expected totals.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateDemoWorld } from '../../core/demo/generate-demo-world'
import { writeShapefile } from '../../core/import/fixtures/write-shapefile'

const dir = process.argv[2]
if (!dir) throw new Error('usage: import-files.ts <dir> [--seed N]')
const seed = process.argv.includes('--seed') ? Number(process.argv[process.argv.indexOf('--seed') + 1]) : 20230101

const world = generateDemoWorld({ seed, scale: 1 })
const buildingCode = (i: number) => `B${String(i + 1).padStart(6, '0')}`
const wkt = (g: GeoJSON.MultiPolygon) =>
  `MULTIPOLYGON(${g.coordinates.map((p) => `(${p.map((r) => `(${r.map((q) => `${q[0]} ${q[1]}`).join(',')})`).join(',')})`).join(',')})`
const cell = (v: string | number) =>
  typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : String(v)
const csv = (header: string[] | null, rows: (string | number)[][]) =>
  `${header ? `${header.join(',')}\n` : ''}${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`

const write = (name: string, data: string | Uint8Array) => writeFileSync(join(dir, name), data)
write(
  'units.zip',
  writeShapefile(
    world.units.map((u) => ({
      geometry: u.geom,
      properties: {
        code: u.code,
        name: u.name,
        community: u.communityCode,
        households: u.households,
        residents: u.residents,
      },
    })),
  ).zip,
)
write(
  'buildings.zip',
  writeShapefile(
    world.buildings.map((b, i) => ({
      geometry: { type: 'Point', coordinates: [b.lng, b.lat] },
      properties: {
        code: buildingCode(i),
        unit: b.unitCode,
        households: b.households,
        residents: b.residents,
        floors: b.floors,
      },
    })),
  ).zip,
)
write(
  'units.csv',
  csv(
    ['code', 'name', 'community', 'households', 'residents', 'wkt'],
    world.units.map((u) => [u.code, u.name, u.communityCode, u.households, u.residents, wkt(u.geom)]),
  ),
)
write(
  'buildings.csv',
  csv(
    ['code', 'unit', 'households', 'residents', 'floors', 'lng', 'lat'],
    world.buildings.map((b, i) => [buildingCode(i), b.unitCode, b.households, b.residents, b.floors, b.lng, b.lat]),
  ),
)
// the COPY baseline's input: what ogr2ogr sends, one EWKT per row
write(
  'copy-units.csv',
  csv(
    null,
    world.units.map((u) => [u.code, u.name, u.communityCode, u.households, u.residents, `SRID=4326;${wkt(u.geom)}`]),
  ),
)
write(
  'copy-buildings.csv',
  csv(
    null,
    world.buildings.map((b, i) => [
      buildingCode(i),
      b.unitCode,
      b.households,
      b.residents,
      b.floors,
      `SRID=4326;POINT(${b.lng} ${b.lat})`,
    ]),
  ),
)
write(
  'base.json',
  JSON.stringify({
    world: { ...world, units: [], buildings: [], grids: [], facilities: [] },
    units: world.units.length,
    buildings: world.buildings.length,
    households: world.units.reduce((n, u) => n + u.households, 0),
  }),
)
