// The demo world of Binhai New Area (or, with region 'tianjin', of all 16 districts of Tianjin:
// core/demo/city-layout.ts): real street and community names and codes, synthetic geometry and
// population. Deterministic: the same seed, scale and region give a deep-equal world.
//
// Streets tile the hand-drawn district outline (Voronoi of the street anchors); communities tile
// their street (density-weighted Lloyd: 社区 small near the anchor, 村 large around them); initial
// grids tile their community and units tile their grid, so grids are whole, contiguous sets of
// units by construction. Geometry is built in a local metric plane and converted at the end.

import type { MultiPolygon } from 'geojson'
import { gridCode, numberGrids } from '../domain/grid-code'
import { allocateHouseholds } from './allocate-households'
import {
  CITY_CODE,
  CITY_NAME,
  CITY_PLANE_ORIGIN,
  cityCommunities,
  cityDistricts,
  cityHouseholds,
  cityOutlineRing,
  layOutCity,
} from './city-layout'
import type { Outline } from './clip-to-outline'
import {
  DISTRICT_CODE,
  DISTRICT_NAME,
  type DivisionCommunity,
  type DivisionStreet,
  divisionCommunities,
  divisionStreets,
  outlineRing,
  PLANE_ORIGIN,
  streetAnchors,
} from './divisions'
import { planGridHouseholds, planUnits } from './initial-grids'
import { lloydRelax } from './lloyd-relax'
import { createLocalPlane, type LocalPlane, type XY } from './local-plane'
import { chineseNumeral, communityShortName, estateName } from './names'
import { nodeVertices, SERVED_GRID_DEGREES } from './node-vertices'
import { placeBuildings } from './place-buildings'
import { type FacilityCommunity, placeFacilities } from './place-facilities'
import { type Parts, partsAreaM2, partsBBox, partsCentroid, pointInParts, signedAreaM2 } from './planar-polygon'
import { createRandom, deriveSeed, type Random } from './random'
import { samplePointsInside } from './sample-points'
import { type Region, rootRegion, tessellateRegion } from './tessellate-region'
import type {
  DemoBuilding,
  DemoCommunity,
  DemoFacility,
  DemoGrid,
  DemoStreet,
  DemoUnit,
  DemoWorld,
  GenerateOptions,
} from './types'
import { FULL_SCALE_HOUSEHOLDS, validateOptions } from './validate-options'
import { generateWalkNetwork } from './walk-network'

const LLOYD_ROUNDS = 3
const SAMPLES_PER_SITE = 30

export function generateDemoWorld(options: GenerateOptions = {}): DemoWorld {
  const { seed, scale, region, onProgress } = validateOptions(options)
  const city = region === 'tianjin'
  const plane = createLocalPlane(city ? CITY_PLANE_ORIGIN : PLANE_ORIGIN)
  const toGeom = (parts: Parts): MultiPolygon => multiPolygon(parts, plane)

  // 1. the outline (counter-clockwise, metres) and the streets: Voronoi of the anchors (the city:
  // districts first, then streets inside each)
  onProgress('streets', 0, 1)
  let outlineXY = (city ? cityOutlineRing : outlineRing).map((p) => plane.toXY(p))
  if (signedAreaM2(outlineXY) < 0) outlineXY = outlineXY.reverse()
  const outline: Outline = { ring: outlineXY }
  const root = rootRegion(outline)
  const cityLayout = city ? layOutCity(root, outline, plane, seed) : undefined
  const streetList: (DivisionStreet & { districtCode?: string })[] = cityLayout?.streets ?? divisionStreets
  const communityList = city ? cityCommunities : divisionCommunities
  const anchorXY =
    cityLayout?.anchorXY ??
    divisionStreets.map((s) => {
      const a = streetAnchors[s.code]
      if (!a) throw new Error(`no anchor for street ${s.code} ${s.name}`)
      return plane.toXY(a)
    })
  const streetRegions = cityLayout?.streetRegions ?? tessellateRegion(root, anchorXY, outline)
  onProgress('streets', 1, 1)

  // 2. households per community, then communities per street
  const householdsByCode = city ? cityHouseholds(scale, seed) : binhaiHouseholds(scale, seed)
  const communityRegions = new Map<string, Region>()
  const membersOf = groupBy(communityList, (c) => c.streetCode)
  streetList.forEach((street, si) => {
    onProgress('communities', si, streetList.length)
    const members = membersOf.get(street.code) ?? []
    const rng = createRandom(deriveSeed(seed, `communities:${street.code}`))
    const regions = tessellateStreet(streetRegions[si], anchorXY[si], members, outline, rng)
    for (const [code, region] of regions) communityRegions.set(code, region)
  })
  onProgress('communities', streetList.length, streetList.length)

  // 3. per community: grid regions, their units, the units' buildings
  const communities: DemoCommunity[] = []
  const units: DemoUnit[] = []
  const buildings: DemoBuilding[] = []
  const grids: DemoGrid[] = []
  const facilityCommunities: FacilityCommunity[] = []
  communityList.forEach((c, ci) => {
    if (ci % 10 === 0) onProgress('units', ci, communityList.length)
    const region = communityRegions.get(c.code)!
    const rng = createRandom(deriveSeed(seed, `units:${c.code}`))
    const built = buildCommunity(c, region, householdsByCode.get(c.code)!, outline, plane, rng)
    communities.push({ ...built.community, geom: toGeom(region.parts) })
    units.push(...built.units)
    buildings.push(...built.buildings)
    grids.push(...built.grids)
    facilityCommunities.push(built.facilityCommunity)
  })
  onProgress('units', communityList.length, communityList.length)

  // 4. facilities
  onProgress('facilities', 0, 1)
  const residentsByStreet = new Map<string, number>()
  for (const c of communities)
    residentsByStreet.set(c.streetCode, (residentsByStreet.get(c.streetCode) ?? 0) + c.residents)
  const facilities: DemoFacility[] = placeFacilities(
    streetList.map((s) => ({
      code: s.code,
      name: s.name,
      kind: s.kind,
      residents: residentsByStreet.get(s.code) ?? 0,
    })),
    facilityCommunities,
    createRandom(deriveSeed(seed, 'facilities')),
  ).map(({ xy, ...f }) => {
    const [lng, lat] = plane.toLngLat(xy)
    return { ...f, lng, lat }
  })
  onProgress('facilities', 1, 1)

  const streets: DemoStreet[] = streetList.map((s, i) => ({
    code: s.code,
    name: s.name,
    kind: s.kind,
    geom: toGeom(streetRegions[i].parts),
    ...(s.districtCode ? { districtCode: s.districtCode } : {}),
  }))
  // 5. every boundary shared vertex for vertex, at every level (no T-junctions: see node-vertices.ts),
  // on the served 1e-6° grid, so that unions and served geometry need no further rounding
  const districtGeom = toGeom([outlineXY])
  const cityDistrictGeoms = cityLayout?.districtRegions.map((r) => toGeom(r.parts)) ?? []
  const levels = [
    [districtGeom, ...cityDistrictGeoms],
    streets.map((x) => x.geom),
    communities.map((x) => x.geom),
    units.map((x) => x.geom),
  ]
  const noded = nodeVertices(levels.flat(), undefined, SERVED_GRID_DEGREES)
  let n = 0
  const take = () => noded[n++]
  const nodedDistrict = take()
  const nodedCityDistricts = cityDistricts
    .slice(0, cityDistrictGeoms.length)
    .map((d) => ({ code: d.code, name: d.name, geom: take() }))
  const nodedStreets = streets.map((x) => ({ ...x, geom: take() }))
  const nodedCommunities = communities.map((x) => ({ ...x, geom: take() }))
  const nodedUnits = units.map((x) => ({ ...x, geom: take() }))
  // 6. the walk network on the noded unit boundaries
  onProgress('walk network', 0, 1)
  const { network, barriers } = generateWalkNetwork({
    units: nodedUnits,
    arterialBoundaries: [...nodedStreets, ...nodedCommunities],
  })
  onProgress('walk network', 1, 1)
  return {
    seed,
    scale,
    district: city
      ? { code: CITY_CODE, name: CITY_NAME, geom: nodedDistrict }
      : { code: DISTRICT_CODE, name: DISTRICT_NAME, geom: nodedDistrict },
    ...(city ? { districts: nodedCityDistricts } : {}),
    streets: nodedStreets,
    communities: nodedCommunities,
    units: nodedUnits,
    buildings,
    grids,
    facilities,
    network,
    barriers,
  }
}

// Binhai: FULL_SCALE_HOUSEHOLDS × scale over its 505 communities (urban share 90%).
function binhaiHouseholds(scale: number, seed: number): Map<string, number> {
  const totalHouseholds = Math.max(1, Math.round(FULL_SCALE_HOUSEHOLDS * scale))
  const householdsOf = allocateHouseholds(
    divisionCommunities,
    totalHouseholds,
    createRandom(deriveSeed(seed, 'households')),
  )
  return new Map(divisionCommunities.map((c, i) => [c.code, householdsOf[i]]))
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = out.get(k)
    if (list) list.push(item)
    else out.set(k, [item])
  }
  return out
}

// Communities of one street: sites drawn from a density peaked at the anchor, Lloyd-relaxed on
// samples of the same density; the sites nearest the anchor become the urban 社区, the rest 村.
function tessellateStreet(
  street: Region,
  anchor: XY,
  members: DivisionCommunity[],
  outline: Outline,
  rng: Random,
): Map<string, Region> {
  const n = members.length
  const urban = members.filter((c) => c.kind === 'urban')
  const rural = members.filter((c) => c.kind === 'rural')
  if (n === 1) return new Map([[members[0].code, street]])
  // proposal: a Gaussian core around the anchor, plus a uniform share over the street
  const areaM2 = partsAreaM2(street.parts)
  const sigmaM = 0.22 * Math.sqrt(areaM2 / Math.PI) * Math.sqrt(Math.max(1, urban.length) / n + 0.3)
  const coreShare = rural.length > 0 ? 0.8 : 0.45
  const b = partsBBox(street.parts)
  const propose = (r: Random): XY =>
    r.chance(coreShare)
      ? [anchor[0] + sigmaM * r.normal(), anchor[1] + sigmaM * r.normal()]
      : [r.range(b.minX, b.maxX), r.range(b.minY, b.maxY)]
  const sites = relaxedSites(street.parts, n, rng, propose)
  const regions = tessellateRegion(street, sites, outline)
  // nearest sites to the anchor → urban communities (in a shuffled order), the rest → villages
  const byDistance = sites.map((_, i) => i).sort((a, b) => dist2(sites[a], anchor) - dist2(sites[b], anchor) || a - b)
  const ordered = [...rng.shuffle([...urban]), ...rng.shuffle([...rural])]
  const out = new Map<string, Region>()
  ordered.forEach((c, k) => {
    out.set(c.code, requireParts(regions[byDistance[k]], `community ${c.code} ${c.name}`))
  })
  return out
}

// `count` sites inside `parts`, relaxed by Lloyd on samples from the same proposal. A site whose
// sample mean falls outside a non-convex region keeps its previous place.
function relaxedSites(parts: Parts, count: number, rng: Random, propose?: (r: Random) => XY): XY[] {
  const initial = samplePointsInside(parts, count, rng, propose)
  if (initial.length < count) throw new Error(`could not place ${count} sites in a region (got ${initial.length})`)
  if (count === 1) return initial
  const samples = samplePointsInside(parts, Math.max(200, SAMPLES_PER_SITE * count), rng, propose)
  let sites = initial
  for (let round = 0; round < LLOYD_ROUNDS; round++) {
    const moved = lloydRelax(sites, samples, 1)
    sites = moved.map((p, i) => (pointInParts(p[0], p[1], parts) ? p : sites[i]))
  }
  return sites
}

function requireParts(region: Region, what: string): Region {
  if (region.parts.length === 0) throw new Error(`${what}: empty geometry`)
  return region
}

function dist2(a: XY, b: XY): number {
  return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2
}

// One community: grids of ~300 households as regions, units inside each grid, buildings inside each
// unit; codes in reading order (grids within the community, units within their grid).
function buildCommunity(
  c: DivisionCommunity,
  region: Region,
  households: number,
  outline: Outline,
  plane: LocalPlane,
  rng: Random,
) {
  const short = communityShortName(c.name)
  const residentsPerHousehold = c.kind === 'urban' ? rng.range(2.35, 2.75) : rng.range(2.7, 3.15)
  // grid regions, numbered in reading order
  const gridHouseholds = planGridHouseholds(households, rng)
  const gridRegions = tessellateRegion(region, relaxedSites(region.parts, gridHouseholds.length, rng), outline).map(
    (r, i) => requireParts(r, `grid ${i + 1} of ${c.code}`),
  )
  const gridSeq = numberGrids(gridRegions.map((r) => plane.toLngLat(partsCentroid(r.parts))))
  const gridOrder = gridSeq.map((_, i) => i).sort((a, b) => gridSeq[a] - gridSeq[b])
  const grids: DemoGrid[] = []
  const units: DemoUnit[] = []
  const buildings: DemoBuilding[] = []
  const facilityUnits: FacilityCommunity['units'] = []
  const estates = new Set<string>()
  let unitSeq = 0
  let villageGroup = 0
  let communityHouseholds = 0
  let communityResidents = 0
  for (const gi of gridOrder) {
    const code = gridCode(c.code, gridSeq[gi])
    grids.push({ code, communityCode: c.code, streetCode: c.streetCode, name: `${short}第${gridSeq[gi]}网格` })
    // units of the grid, numbered in reading order within it
    const plans = planUnits(gridHouseholds[gi], c.kind, rng)
    const unitRegions = tessellateRegion(
      gridRegions[gi],
      relaxedSites(gridRegions[gi].parts, plans.length, rng),
      outline,
    ).map((r, i) => requireParts(r, `unit ${i + 1} of grid ${code}`))
    const unitSeqInGrid = numberGrids(unitRegions.map((r) => plane.toLngLat(partsCentroid(r.parts))))
    const unitOrder = unitSeqInGrid.map((_, i) => i).sort((a, b) => unitSeqInGrid[a] - unitSeqInGrid[b])
    const courtyardEstate = estateName(rng, estates)
    unitOrder.forEach((ui, k) => {
      const plan = plans[k]
      const unitCode = c.code + String(++unitSeq).padStart(3, '0')
      const name =
        plan.kind === 'village_group'
          ? `第${chineseNumeral(++villageGroup)}村民小组`
          : plan.kind === 'courtyard'
            ? `${courtyardEstate}${k + 1}号院`
            : estateName(rng, estates)
      // buildings; the unit's totals are their sums
      let unitResidents = 0
      for (const b of placeBuildings(unitRegions[ui].parts, plan.kind, plan.households, rng)) {
        const residents = Math.max(
          b.households,
          Math.round(b.households * residentsPerHousehold * rng.range(0.92, 1.08)),
        )
        unitResidents += residents
        const [lng, lat] = plane.toLngLat(b.xy)
        buildings.push({ unitCode, kind: b.kind, floors: b.floors, households: b.households, residents, lng, lat })
      }
      units.push({
        code: unitCode,
        communityCode: c.code,
        streetCode: c.streetCode,
        name,
        kind: plan.kind,
        households: plan.households,
        residents: unitResidents,
        gridCode: code,
        geom: multiPolygon(unitRegions[ui].parts, plane),
      })
      facilityUnits.push({ parts: unitRegions[ui].parts, households: plan.households })
      communityHouseholds += plan.households
      communityResidents += unitResidents
    })
  }
  // community workers: 12–27 per 10,000 residents (the norm is 18), at least 3
  const workers = Math.max(3, Math.round((communityResidents / 10000) * rng.range(12, 27)))
  const community: Omit<DemoCommunity, 'geom'> = {
    code: c.code,
    streetCode: c.streetCode,
    name: c.name,
    kind: c.kind,
    households: communityHouseholds,
    residents: communityResidents,
    workers,
  }
  const facilityCommunity: FacilityCommunity = {
    code: c.code,
    name: c.name,
    kind: c.kind,
    streetCode: c.streetCode,
    households: communityHouseholds,
    residents: communityResidents,
    units: facilityUnits,
  }
  return { community, units, buildings, grids, facilityCommunity }
}

function multiPolygon(parts: Parts, plane: LocalPlane): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: parts.map((ring) => [ring.map((p) => plane.toLngLat(p))]) }
}
