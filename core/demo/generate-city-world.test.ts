// The Tianjin-wide demo world (--region tianjin) at scale 0.05: the invariants the full-scale
// world keeps too (scripts/bench/city.ts checks them again on the loaded database).
import { area, booleanPointInPolygon, multiPolygon } from '@turf/turf'
import Flatbush from 'flatbush'
import type { MultiPolygon } from 'geojson'
import { beforeAll, describe, expect, it } from 'vitest'
import { cityDistricts, urbanHouseholdShare } from './city-layout'
import { generateDemoWorld } from './generate-demo-world'
import type { DemoWorld } from './types'

const SCALE = 0.05
const RURAL = ['120114', '120115', '120117', '120118', '120119'] // 武清 宝坻 宁河 静海 蓟州
const CENTRE = ['120101', '120102', '120103', '120104', '120105', '120106'] // the six central districts
const areaOf = (g: MultiPolygon): number => area(multiPolygon(g.coordinates))
const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0)
function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>()
  for (const t of items) m.set(key(t), [...(m.get(key(t)) ?? []), t])
  return m
}

let world: DemoWorld
beforeAll(() => {
  world = generateDemoWorld({ seed: 7, scale: SCALE, region: 'tianjin' })
}, 180_000)

describe('the city world: divisions and codes', () => {
  it('has the 16 districts, 299 streets and 5617 communities of the NBS 2023 list', () => {
    expect(world.district.code).toBe('120100')
    expect(world.districts?.map((d) => d.code)).toEqual([
      '120101',
      '120102',
      '120103',
      '120104',
      '120105',
      '120106',
      '120110',
      '120111',
      '120112',
      '120113',
      '120114',
      '120115',
      '120116',
      '120117',
      '120118',
      '120119',
    ])
    expect(world.districts?.find((d) => d.code === '120116')?.name).toBe('滨海新区')
    expect(world.districts?.find((d) => d.code === '120119')?.name).toBe('蓟州区')
    expect(world.streets).toHaveLength(299)
    expect(world.communities).toHaveLength(5617)
    expect(world.streets.find((s) => s.code === '120101001')?.name).toBe('劝业场街道')
  })

  it('gives valid, unique codes, each prefixed by its parent', () => {
    const unique = (xs: string[]) => expect(new Set(xs).size).toBe(xs.length)
    for (const s of world.streets) {
      expect(s.code).toMatch(/^\d{9}$/)
      expect(s.code.slice(0, 6)).toBe(s.districtCode)
    }
    for (const c of world.communities) {
      expect(c.code).toMatch(/^\d{12}$/)
      expect(c.code.slice(0, 9)).toBe(c.streetCode)
    }
    for (const x of [...world.units, ...world.grids]) {
      expect(x.code).toMatch(/^\d{15}$/)
      expect(x.code.slice(0, 12)).toBe(x.communityCode)
    }
    unique(world.streets.map((s) => s.code))
    unique(world.communities.map((c) => c.code))
    unique(world.units.map((u) => u.code))
    unique(world.grids.map((g) => g.code))
    const grids = new Set(world.grids.map((g) => g.code))
    for (const u of world.units) expect(grids.has(u.gridCode)).toBe(true)
  })
})

describe('the city world: population', () => {
  it('reconciles totals: communities = Σ units, units = Σ buildings', () => {
    const unitsBy = groupBy(world.units, (u) => u.communityCode)
    for (const c of world.communities) {
      const us = unitsBy.get(c.code) ?? []
      expect(us.length).toBeGreaterThan(0)
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

  it('gives every district its census households × scale (within 3%)', () => {
    const districtOf = new Map(world.streets.map((s) => [s.code, s.districtCode!]))
    const byDistrict = groupBy(world.communities, (c) => districtOf.get(c.streetCode)!)
    for (const d of cityDistricts) {
      const hh = sum((byDistrict.get(d.code) ?? []).map((c) => c.households))
      expect(Math.abs(hh / (d.households * SCALE) - 1), `${d.code} ${d.name}: ${hh}`).toBeLessThan(0.03)
    }
  })

  it('makes the rural districts village-heavy and the centre all 社区, and denser', () => {
    const districtOf = new Map(world.streets.map((s) => [s.code, s.districtCode!]))
    const byDistrict = groupBy(world.communities, (c) => districtOf.get(c.streetCode)!)
    const density = (codes: string[]) => {
      const cs = codes.flatMap((code) => byDistrict.get(code)!)
      return sum(cs.map((c) => c.households)) / sum(cs.map((c) => areaOf(c.geom)))
    }
    for (const code of RURAL) {
      const cs = byDistrict.get(code)!
      const villages = cs.filter((c) => c.kind === 'rural')
      expect(villages.length / cs.length, code).toBeGreaterThan(0.8)
      expect(sum(villages.map((c) => c.households)) / sum(cs.map((c) => c.households)), code).toBeGreaterThan(0.5)
    }
    for (const code of CENTRE) expect(byDistrict.get(code)!.every((c) => c.kind === 'urban')).toBe(true)
    expect(density(CENTRE)).toBeGreaterThan(10 * density(RURAL))
    expect(urbanHouseholdShare([{ kind: 'urban' }, { kind: 'rural' }])).toBeCloseTo(0.8)
  })
})

describe('the city world: geometry', () => {
  it('tiles every level: districts the city, streets their district, communities their street, units their community', () => {
    const within = (parts: number, whole: number) => expect(Math.abs(parts / whole - 1)).toBeLessThan(0.001)
    within(sum(world.districts!.map((d) => areaOf(d.geom))), areaOf(world.district.geom))
    const districtArea = new Map(world.districts!.map((d) => [d.code, areaOf(d.geom)]))
    for (const [code, ss] of groupBy(world.streets, (s) => s.districtCode!))
      within(sum(ss.map((s) => areaOf(s.geom))), districtArea.get(code)!)
    const streetArea = new Map(world.streets.map((s) => [s.code, areaOf(s.geom)]))
    for (const [code, cs] of groupBy(world.communities, (c) => c.streetCode))
      within(sum(cs.map((c) => areaOf(c.geom))), streetArea.get(code)!)
    const communityArea = new Map(world.communities.map((c) => [c.code, areaOf(c.geom)]))
    for (const [code, us] of groupBy(world.units, (u) => u.communityCode))
      within(sum(us.map((u) => areaOf(u.geom))), communityArea.get(code)!)
  })

  it('puts every building inside exactly its own unit', () => {
    const index = new Flatbush(world.units.length)
    const shapes = world.units.map((u) => {
      let [x0, y0, x1, y1] = [180, 90, -180, -90]
      for (const poly of u.geom.coordinates)
        for (const [x, y] of poly[0])
          [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)]
      index.add(x0, y0, x1, y1)
      return multiPolygon(u.geom.coordinates)
    })
    index.finish()
    const unitIndex = new Map(world.units.map((u, i) => [u.code, i]))
    for (const b of world.buildings) {
      const hits = index
        .search(b.lng, b.lat, b.lng, b.lat)
        .filter((i) => booleanPointInPolygon([b.lng, b.lat], shapes[i], { ignoreBoundary: true }))
      expect(hits).toEqual([unitIndex.get(b.unitCode)])
    }
  })

  it('spans the municipality: Jizhou in the north, Binhai on the coast', () => {
    const box = (g: MultiPolygon) => {
      const pts = g.coordinates.flatMap((p) => p[0])
      return { n: Math.max(...pts.map((p) => p[1])), e: Math.max(...pts.map((p) => p[0])) }
    }
    expect(box(world.districts!.find((d) => d.code === '120119')!.geom).n).toBeGreaterThan(40.1)
    expect(box(world.districts!.find((d) => d.code === '120116')!.geom).e).toBeGreaterThan(117.85)
  })
})
