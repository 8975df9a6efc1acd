// The full-scale world is generated once for this file (≈1.5 s), the 0.1 world once too.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { area, booleanPointInPolygon, booleanValid, featureCollection, kinks, multiPolygon, union } from '@turf/turf'
import Flatbush from 'flatbush'
import type { MultiPolygon } from 'geojson'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateDemoWorld } from './generate-demo-world'
import type { DemoWorld } from './types'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
// An independent compilation of the same NBS codes (CSV), kept in a reference folder beside the
// repository in CI and development; a user's clone has no such folder, and the cross-check is skipped.
const adminDir = resolve(repoRoot, '../shared/data/admin')
const haveAdminCsv = existsSync(resolve(adminDir, 'nbs2023_binhai_villages.csv'))
if (!haveAdminCsv) console.warn(`[wangge] NBS code cross-check skipped: no reference CSVs in ${adminDir}`)

function csvCodes(file: string, filter?: (cols: string[]) => boolean): string[] {
  const lines = readFileSync(resolve(adminDir, file), 'utf8').trim().split('\n').slice(1)
  return lines
    .map((l) => l.split(','))
    .filter((cols) => !filter || filter(cols))
    .map((cols) => cols[0])
    .sort()
}

const areaOf = (g: MultiPolygon): number => area(multiPolygon(g.coordinates))
const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0)

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>()
  for (const t of items) {
    const k = key(t)
    const list = m.get(k)
    if (list) list.push(t)
    else m.set(k, [t])
  }
  return m
}

let world: DemoWorld
let small: DemoWorld
const progress: string[] = []

beforeAll(() => {
  world = generateDemoWorld({ seed: 7, scale: 1, onProgress: (step) => progress.push(step) })
  small = generateDemoWorld({ seed: 7, scale: 0.1 })
}, 120_000)

describe('generateDemoWorld: divisions', () => {
  it('has the real 26 streets and 505 communities (366 urban, 139 rural) of the NBS list', () => {
    expect(world.district.code).toBe('120116')
    expect(world.streets).toHaveLength(26)
    expect(world.communities).toHaveLength(505)
    expect(world.communities.filter((c) => c.kind === 'urban')).toHaveLength(366)
    expect(world.communities.filter((c) => c.kind === 'rural')).toHaveLength(139)
    expect(world.streets.filter((s) => s.kind === 'subdistrict')).toHaveLength(16)
    expect(world.streets.filter((s) => s.kind === 'town')).toHaveLength(5)
    expect(world.streets.filter((s) => s.kind === 'zone')).toHaveLength(5)
    expect(world.streets.find((s) => s.code === '120116001')?.name).toBe('塘沽街道')
    expect(world.streets.find((s) => s.code === '120116406')?.name).toBe('中新天津生态城')
  })

  it.skipIf(!haveAdminCsv)('has exactly the codes of an independent NBS 2023 list (reference CSVs)', () => {
    expect(world.streets.map((s) => s.code).sort()).toEqual(
      csvCodes('nbs2023_tianjin_streets.csv', (cols) => cols[2] === '120116'),
    )
    expect(world.communities.map((c) => c.code).sort()).toEqual(csvCodes('nbs2023_binhai_villages.csv'))
  })

  it('keeps every street and community at scale 0.1, each with a unit and a grid', () => {
    expect(small.streets).toHaveLength(26)
    expect(small.communities).toHaveLength(505)
    const withUnits = new Set(small.units.map((u) => u.communityCode))
    const withGrids = new Set(small.grids.map((g) => g.communityCode))
    for (const c of small.communities) {
      expect(withUnits.has(c.code)).toBe(true)
      expect(withGrids.has(c.code)).toBe(true)
    }
  })
})

describe('generateDemoWorld: population', () => {
  it('has about 800k households and 2.07M residents at scale 1, a tenth at 0.1', () => {
    const hh = sum(world.communities.map((c) => c.households))
    expect(Math.abs(hh - 800000) / 800000).toBeLessThan(0.1)
    const res = sum(world.communities.map((c) => c.residents))
    expect(Math.abs(res - 2070000) / 2070000).toBeLessThan(0.1)
    const smallHh = sum(small.communities.map((c) => c.households))
    expect(Math.abs(smallHh - 80000) / 80000).toBeLessThan(0.1)
  })

  it('reconciles totals: communities = Σ units, units = Σ buildings', () => {
    const unitsBy = groupBy(world.units, (u) => u.communityCode)
    for (const c of world.communities) {
      const us = unitsBy.get(c.code) ?? []
      expect(sum(us.map((u) => u.households))).toBe(c.households)
      expect(sum(us.map((u) => u.residents))).toBe(c.residents)
    }
    const buildingsBy = groupBy(world.buildings, (b) => b.unitCode)
    for (const u of world.units) {
      const bs = buildingsBy.get(u.code) ?? []
      expect(bs.length).toBeGreaterThan(0)
      expect(sum(bs.map((b) => b.households))).toBe(u.households)
      expect(sum(bs.map((b) => b.residents))).toBe(u.residents)
    }
  })

  it('sizes units for grid building and keeps building points reasonable', () => {
    const sizes = world.units.map((u) => u.households)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(150)
    expect(sizes.filter((h) => h < 40).length / sizes.length).toBeLessThan(0.02)
    expect(world.buildings.length).toBeLessThan(120000)
    const kinds = new Set(world.buildings.map((b) => b.kind))
    for (const k of ['highrise', 'midrise', 'farmhouse']) expect(kinds.has(k as never)).toBe(true)
  })

  it('has some communities below 18 workers per 10,000 residents, and most above', () => {
    const below = world.communities.filter((c) => (c.workers / c.residents) * 10000 < 18).length
    expect(below).toBeGreaterThan(20)
    expect(below).toBeLessThan(400)
  })
})

describe('generateDemoWorld: grids', () => {
  it('has ~2,700 grids with a mean of 300 ± 20% households at scale 1', () => {
    expect(world.grids.length).toBeGreaterThan(2400)
    expect(world.grids.length).toBeLessThan(3000)
    const hh = sum(world.units.map((u) => u.households))
    expect(hh / world.grids.length).toBeGreaterThan(240)
    expect(hh / world.grids.length).toBeLessThan(360)
  })

  it('gives grid codes of 15 digits, unique, prefixed by their community, each with units', () => {
    const codes = new Set<string>()
    for (const g of world.grids) {
      expect(g.code).toMatch(/^\d{15}$/)
      expect(g.code.slice(0, 12)).toBe(g.communityCode)
      codes.add(g.code)
    }
    expect(codes.size).toBe(world.grids.length)
    const used = new Set(world.units.map((u) => u.gridCode))
    expect(used.size).toBe(world.grids.length)
    for (const u of world.units) {
      expect(codes.has(u.gridCode)).toBe(true)
      expect(u.gridCode.slice(0, 12)).toBe(u.communityCode)
      expect(u.code).toMatch(/^\d{15}$/)
      expect(u.code.slice(0, 12)).toBe(u.communityCode)
    }
    expect(new Set(world.units.map((u) => u.code)).size).toBe(world.units.length)
  })
})

describe('generateDemoWorld: geometry', () => {
  it('tiles: communities tile their street and units tile their community (area within 0.1%)', () => {
    const streetArea = new Map(world.streets.map((s) => [s.code, areaOf(s.geom)]))
    const commsBy = groupBy(world.communities, (c) => c.streetCode)
    for (const [code, cs] of commsBy) {
      expect(Math.abs(sum(cs.map((c) => areaOf(c.geom))) / streetArea.get(code)! - 1)).toBeLessThan(0.001)
    }
    expect(Math.abs(sum([...streetArea.values()]) / areaOf(world.district.geom) - 1)).toBeLessThan(0.001)
    const unitsBy = groupBy(world.units, (u) => u.communityCode)
    for (const c of world.communities) {
      const us = unitsBy.get(c.code)!
      expect(Math.abs(sum(us.map((u) => areaOf(u.geom))) / areaOf(c.geom) - 1)).toBeLessThan(0.001)
    }
  })

  it('has no overlaps: the union of a sample of communities’ units has the sum of their areas', () => {
    const unitsBy = groupBy(world.units, (u) => u.communityCode)
    for (const c of world.communities.filter((_, i) => i % 50 === 0)) {
      const us = unitsBy.get(c.code)!
      if (us.length < 2) continue
      const merged = union(featureCollection(us.map((u) => multiPolygon(u.geom.coordinates))))!
      const unionArea = area(merged)
      expect(Math.abs(unionArea / sum(us.map((u) => areaOf(u.geom))) - 1)).toBeLessThan(0.001)
    }
  })

  it('gives valid multipolygons: closed rings, no repeated points, no self-intersections', () => {
    const all = [world.district, ...world.streets, ...world.communities, ...world.units]
    for (const f of all) {
      expect(f.geom.type).toBe('MultiPolygon')
      for (const poly of f.geom.coordinates)
        for (const ring of poly) {
          expect(ring.length).toBeGreaterThanOrEqual(4)
          expect(ring[0]).toEqual(ring[ring.length - 1])
          for (let i = 1; i < ring.length; i++) expect(ring[i]).not.toEqual(ring[i - 1])
        }
    }
    // the heavier checks on the district, streets, communities and a sample of units
    for (const f of [
      world.district,
      ...world.streets,
      ...world.communities,
      ...world.units.filter((_, i) => i % 20 === 0),
    ]) {
      const feature = multiPolygon(f.geom.coordinates)
      expect(kinks(feature).features).toHaveLength(0)
      expect(booleanValid(feature)).toBe(true)
    }
  })

  it('puts the district where Binhai is', () => {
    const xs = world.district.geom.coordinates[0][0].map((p) => p[0])
    const ys = world.district.geom.coordinates[0][0].map((p) => p[1])
    expect(Math.min(...xs)).toBeCloseTo(117.13, 1)
    expect(Math.max(...xs)).toBeCloseTo(118.07, 1)
    expect(Math.min(...ys)).toBeCloseTo(38.56, 1)
    expect(Math.max(...ys)).toBeCloseTo(39.33, 1)
  })

  it('puts every building inside exactly its own unit', () => {
    const index = new Flatbush(world.units.length)
    const boxes = world.units.map((u) => {
      let [x0, y0, x1, y1] = [180, 90, -180, -90]
      for (const poly of u.geom.coordinates)
        for (const [x, y] of poly[0])
          [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)]
      index.add(x0, y0, x1, y1)
      return multiPolygon(u.geom.coordinates)
    })
    index.finish()
    const unitIndex = new Map(world.units.map((u, i) => [u.code, i]))
    for (const b of world.buildings.filter((_, i) => i % 7 === 0)) {
      const own = unitIndex.get(b.unitCode)!
      const hits = index
        .search(b.lng, b.lat, b.lng, b.lat)
        .filter((i) => booleanPointInPolygon([b.lng, b.lat], boxes[i], { ignoreBoundary: true }))
      expect(hits).toEqual([own])
    }
  })
})

describe('generateDemoWorld: facilities', () => {
  it('has every facility type, about 1,000–1,500 facilities, a few planned', () => {
    const types = readFileSync(resolve(repoRoot, 'migrations/0002_standards.sql'), 'utf8').match(/\('([a-z_]+)',\s+'/g)!
    const codes = types.map((t) => t.slice(2, t.indexOf("'", 2)))
    expect(codes).toHaveLength(14)
    const present = new Set(world.facilities.map((f) => f.typeCode))
    for (const code of codes) expect(present.has(code)).toBe(true)
    expect(world.facilities.length).toBeGreaterThanOrEqual(1000)
    expect(world.facilities.length).toBeLessThanOrEqual(1500)
    const planned = world.facilities.filter((f) => f.status === 'planned').length
    expect(planned).toBeGreaterThan(0)
    expect(planned).toBeLessThan(world.facilities.length * 0.1)
  })

  it('has service stations that miss the norms, and one in most villages', () => {
    const hh = new Map(world.communities.map((c) => [c.code, c.households]))
    const stations = world.facilities.filter((f) => f.typeCode === 'community_service_station')
    const lowShare = stations.filter((f) => f.activityAreaM2! / f.floorAreaM2! < 0.6).length
    const lowArea = stations.filter((f) => f.floorAreaM2! < (hh.get(f.communityCode!)! / 100) * 30).length
    expect(lowShare).toBeGreaterThan(10)
    expect(lowArea).toBeGreaterThan(10)
    const villages = world.facilities.filter((f) => f.typeCode === 'village_service_station')
    expect(villages.length).toBeGreaterThan(139 * 0.85)
  })
})

describe('generateDemoWorld: determinism and options', () => {
  it('gives a deep-equal world for the same seed and scale, another for another seed', () => {
    expect(generateDemoWorld({ seed: 7, scale: 0.1 })).toEqual(small)
    const other = generateDemoWorld({ seed: 8, scale: 0.1 })
    expect(other.buildings[0]).not.toEqual(small.buildings[0])
  })

  it('reports progress per phase', () => {
    for (const step of ['streets', 'communities', 'units', 'facilities']) expect(progress).toContain(step)
  })

  it('rejects bad options with the value in the message', () => {
    expect(() => generateDemoWorld({ seed: 1.5 })).toThrow(/1\.5/)
    expect(() => generateDemoWorld({ scale: 0 })).toThrow(/0/)
    expect(() => generateDemoWorld({ scale: 1.2 })).toThrow(/1\.2/)
    expect(() => generateDemoWorld({ scale: Number.NaN })).toThrow(/NaN/)
  })
})
