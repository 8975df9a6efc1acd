// The Tianjin-wide demo world's layout: 16 districts as the Voronoi cells of hand-placed anchors
// inside the municipality's coarse outline (geodata/tianjin-layout.json), each district's streets
// as relaxed sites in its cell (街道 nearest the anchor, then zones, towns outermost), and each
// district's households from its 2020 census population. Binhai's own layout stays in
// generate-demo-world.ts (hand-placed street anchors inside its hand-drawn outline).
import divisionsJson from '../../geodata/tianjin-divisions.json'
import layoutJson from '../../geodata/tianjin-layout.json'
import { allocateHouseholds } from './allocate-households'
import type { Outline } from './clip-to-outline'
import type { DivisionCommunity, DivisionStreet } from './divisions'
import { lloydRelax } from './lloyd-relax'
import type { LngLat, LocalPlane, XY } from './local-plane'
import { type Parts, partsBBox, pointInParts } from './planar-polygon'
import { createRandom, deriveSeed, type Random } from './random'
import { samplePointsInside } from './sample-points'
import { type Region, tessellateRegion } from './tessellate-region'
import type { CommunityKind } from './types'

export const CITY_CODE = '120100'
export const CITY_NAME = '天津市'
export const CITY_PLANE_ORIGIN: LngLat = [117.4, 39.4]

export interface CityDistrict {
  code: string
  name: string
  anchor: LngLat
  population: number // 7th census, 2020
  households: number // population / average household size, rounded
}

export interface CityStreet extends DivisionStreet {
  districtCode: string
}

const layout = layoutJson as unknown as {
  averageHouseholdSize: number
  ring: LngLat[]
  districts: Record<string, { anchor: LngLat; population: number }>
}
export const cityOutlineRing = layout.ring
export const cityStreets = divisionsJson.streets as CityStreet[]
export const cityCommunities = divisionsJson.communities as DivisionCommunity[]
export const cityDistricts: CityDistrict[] = (divisionsJson.districts as { code: string; name: string }[]).map((d) => {
  const l = layout.districts[d.code]
  if (!l) throw new Error(`geodata/tianjin-layout.json has no district ${d.code} ${d.name}`)
  return {
    ...d,
    anchor: l.anchor,
    population: l.population,
    households: Math.round(l.population / layout.averageHouseholdSize),
  }
})

/** Urban communities are about four times a village: the urban share of a district's households. */
export function urbanHouseholdShare(communities: readonly { kind: CommunityKind }[]): number {
  const urban = communities.filter((c) => c.kind === 'urban').length
  const rural = communities.length - urban
  return (4 * urban) / (4 * urban + rural)
}

export interface CityLayout {
  districtRegions: Region[] // in cityDistricts' order
  streets: CityStreet[] // grouped by district, in cityDistricts' order
  streetRegions: Region[]
  anchorXY: XY[] // one per street: its site (the community density peaks there)
}

export function layOutCity(root: Region, outline: Outline, plane: LocalPlane, seed: number): CityLayout {
  const districtAnchors = cityDistricts.map((d) => plane.toXY(d.anchor))
  const districtRegions = tessellateRegion(root, districtAnchors, outline)
  const streets: CityStreet[] = []
  const streetRegions: Region[] = []
  const anchorXY: XY[] = []
  cityDistricts.forEach((d, di) => {
    const region = districtRegions[di]
    if (region.parts.length === 0) throw new Error(`district ${d.code} ${d.name}: empty cell`)
    const members = cityStreets.filter((s) => s.districtCode === d.code)
    const rng = createRandom(deriveSeed(seed, `streets:${d.code}`))
    const anchor = districtAnchors[di]
    // 街道 crowd the anchor, towns spread: a Gaussian core as wide as the subdistricts' share
    const b = partsBBox(region.parts)
    const radius = Math.sqrt(((b.maxX - b.minX) * (b.maxY - b.minY)) / Math.PI)
    const sub = members.filter((s) => s.kind === 'subdistrict').length / members.length
    const sigma = radius * (0.15 + 0.35 * (1 - sub))
    const propose = (r: Random): XY =>
      r.chance(0.6)
        ? [anchor[0] + sigma * r.normal(), anchor[1] + sigma * r.normal()]
        : [r.range(b.minX, b.maxX), r.range(b.minY, b.maxY)]
    const sites = relaxed(region.parts, members.length, rng, propose)
    const cells = members.length === 1 ? [region] : tessellateRegion(region, sites, outline)
    const byDistance = sites.map((_, i) => i).sort((x, y) => d2(sites[x], anchor) - d2(sites[y], anchor) || x - y)
    const rank = { subdistrict: 0, zone: 1, town: 2 } as const
    const ordered = rng.shuffle([...members]).sort((x, y) => rank[x.kind] - rank[y.kind])
    ordered.forEach((s, k) => {
      const cell = cells[byDistance[k]]
      if (cell.parts.length === 0) throw new Error(`street ${s.code} ${s.name}: empty cell`)
      streets.push(s)
      streetRegions.push(cell)
      anchorXY.push(sites[byDistance[k]])
    })
  })
  return { districtRegions, streets, streetRegions, anchorXY }
}

/** Households per community: each district's census total × scale, split as in Binhai. */
export function cityHouseholds(scale: number, seed: number): Map<string, number> {
  const out = new Map<string, number>()
  for (const d of cityDistricts) {
    const streetCodes = new Set(cityStreets.filter((s) => s.districtCode === d.code).map((s) => s.code))
    const members = cityCommunities.filter((c) => streetCodes.has(c.streetCode))
    const total = Math.max(members.length, Math.round(d.households * scale))
    const split = allocateHouseholds(
      members,
      total,
      createRandom(deriveSeed(seed, `households:${d.code}`)),
      urbanHouseholdShare(members),
    )
    members.forEach((c, i) => {
      out.set(c.code, split[i])
    })
  }
  return out
}

function relaxed(parts: Parts, count: number, rng: Random, propose: (r: Random) => XY): XY[] {
  const sites = samplePointsInside(parts, count, rng, propose)
  if (sites.length < count) throw new Error(`could not place ${count} street sites (got ${sites.length})`)
  if (count === 1) return sites
  const samples = samplePointsInside(parts, Math.max(400, 40 * count), rng, propose)
  let out = sites
  for (let round = 0; round < 3; round++) {
    const moved = lloydRelax(out, samples, 1)
    out = moved.map((p, i) => (pointInParts(p[0], p[1], parts) ? p : out[i]))
  }
  return out
}

function d2(a: XY, b: XY): number {
  return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2
}
