// Public service facilities of every type in migrations/0002_standards.sql, placed so that coverage
// looks real: 5-minute facilities common in the old urban cores (街道), rarer in the towns and
// the new functional zones; one service station in nearly every 村; 10- and 15-minute facilities
// per street by population. Some community service stations miss the floor-area or activity-share
// norms, some facilities are only planned, so that the compliance checks have something to find.
import type { XY } from './local-plane'
import { chineseNumeral, communityShortName } from './names'
import type { Parts } from './planar-polygon'
import type { Random } from './random'
import { randomPointInside } from './sample-points'
import type { CommunityKind, DemoFacility, StreetKind } from './types'

export interface FacilityCommunity {
  code: string
  name: string
  kind: CommunityKind
  streetCode: string
  households: number
  residents: number
  units: { parts: Parts; households: number }[]
}

export interface FacilityStreet {
  code: string
  name: string
  kind: StreetKind
  residents: number
}

export type PlacedFacility = Omit<DemoFacility, 'lng' | 'lat'> & { xy: XY }

// Share of urban communities with each 5-minute facility, by street kind.
const FIVE_MINUTE_SHARE: Record<StreetKind, number> = { subdistrict: 0.42, town: 0.25, zone: 0.15 }
const SERVICE_STATION_SHARE: Record<StreetKind, number> = { subdistrict: 0.97, town: 0.85, zone: 0.75 }
const PLANNED_SHARE = 0.03

// Street-level facilities: type, residents per facility (at least one each), floor area and capacity.
const STREET_TYPES: { type: string; residentsPer: number; floor: [number, number]; capacity?: [number, number] }[] = [
  { type: 'primary_school', residentsPer: 22000, floor: [8000, 15000], capacity: [1080, 2160] },
  { type: 'sports_ground', residentsPer: 40000, floor: [1500, 4000] },
  { type: 'middle_school', residentsPer: 50000, floor: [12000, 25000], capacity: [1200, 2400] },
  { type: 'health_centre', residentsPer: 90000, floor: [2000, 5000] },
  { type: 'culture_centre', residentsPer: 150000, floor: [2000, 6000] },
  { type: 'street_service_centre', residentsPer: 1e9, floor: [1000, 3000] },
  { type: 'elderly_home', residentsPer: 80000, floor: [3000, 10000], capacity: [100, 400] },
  { type: 'legal_service', residentsPer: 1e9, floor: [50, 200] },
]

// Community-level 5-minute facilities besides the service station.
const FIVE_MINUTE_TYPES: { type: string; suffix: string; floor: [number, number]; capacity?: [number, number] }[] = [
  { type: 'kindergarten', suffix: '幼儿园', floor: [1500, 4000], capacity: [180, 360] },
  { type: 'elderly_daycare', suffix: '老年人日间照料中心', floor: [300, 800], capacity: [20, 60] },
  { type: 'health_station', suffix: '社区卫生服务站', floor: [150, 400] },
  { type: 'culture_room', suffix: '文化活动室', floor: [100, 300] },
]

function streetStem(name: string): string {
  return name.replace(/(街道|镇)$/, '').replace(/^天津/, '')
}

// A point inside one of the community's units, chosen by households.
function pointInCommunity(c: FacilityCommunity, rng: Random): XY {
  let r = rng.range(0, c.households)
  for (const u of c.units) {
    r -= u.households
    if (r < 0) return randomPointInside(u.parts, rng, 3)
  }
  return randomPointInside(c.units[c.units.length - 1].parts, rng, 3)
}

// A community of the street, by households (urban ones first when there are any).
function pickCommunity(list: FacilityCommunity[], rng: Random): FacilityCommunity {
  const urban = list.filter((c) => c.kind === 'urban')
  const pool = urban.length > 0 ? urban : list
  const total = pool.reduce((s, c) => s + c.households, 0)
  let r = rng.range(0, total)
  for (const c of pool) {
    r -= c.households
    if (r < 0) return c
  }
  return pool[pool.length - 1]
}

// Floor area around the 30 m²/100 households norm: 80% at or above it, 20% below.
function serviceStation(
  c: FacilityCommunity,
  typeCode: string,
  name: string,
  rng: Random,
): Omit<PlacedFacility, 'xy' | 'streetCode'> {
  const normM2 = (c.households / 100) * 30
  const factor = rng.chance(0.8) ? rng.range(1, 2) : rng.range(0.5, 0.95)
  const floorAreaM2 = Math.max(60, Math.round(normM2 * factor))
  const share = rng.chance(0.8) ? rng.range(0.61, 0.85) : rng.range(0.4, 0.58)
  return {
    typeCode,
    name,
    communityCode: c.code,
    status: 'existing',
    floorAreaM2,
    activityAreaM2: Math.round(floorAreaM2 * share),
    capacity: null,
    radiusM: null,
  }
}

export function placeFacilities(
  streets: readonly FacilityStreet[],
  communities: readonly FacilityCommunity[],
  rng: Random,
): PlacedFacility[] {
  const out: PlacedFacility[] = []
  const kindOf = new Map(streets.map((s) => [s.code, s.kind]))
  // community level: service stations and 5-minute facilities
  for (const c of communities) {
    const streetKind = kindOf.get(c.streetCode) ?? 'zone'
    const short = communityShortName(c.name)
    if (c.kind === 'rural') {
      if (rng.chance(0.95))
        out.push({
          ...serviceStation(c, 'village_service_station', `${short}综合服务站`, rng),
          streetCode: c.streetCode,
          xy: pointInCommunity(c, rng),
        })
      if (rng.chance(0.35)) out.push(plain(c, 'health_station', `${short}卫生室`, [80, 200], undefined, rng))
      if (rng.chance(0.4)) out.push(plain(c, 'culture_room', `${short}文化活动室`, [60, 200], undefined, rng))
      continue
    }
    if (rng.chance(SERVICE_STATION_SHARE[streetKind]))
      out.push({
        ...serviceStation(c, 'community_service_station', `${short}党群服务中心`, rng),
        streetCode: c.streetCode,
        xy: pointInCommunity(c, rng),
      })
    for (const t of FIVE_MINUTE_TYPES)
      if (rng.chance(FIVE_MINUTE_SHARE[streetKind]))
        out.push(plain(c, t.type, `${short}${t.suffix}`, t.floor, t.capacity, rng))
  }
  // street level: 10- and 15-minute facilities, one per so many residents
  for (const s of streets) {
    const list = communities.filter((c) => c.streetCode === s.code)
    for (const t of STREET_TYPES) {
      const count = Math.max(1, Math.round(s.residents / t.residentsPer))
      for (let k = 1; k <= count; k++) {
        const c = pickCommunity(list, rng)
        out.push({
          typeCode: t.type,
          name: streetFacilityName(s, t.type, k, count),
          streetCode: s.code,
          communityCode: null,
          status: 'existing',
          floorAreaM2: Math.round(rng.range(t.floor[0], t.floor[1])),
          activityAreaM2: null,
          capacity: t.capacity ? Math.round(rng.range(t.capacity[0], t.capacity[1])) : null,
          radiusM: null,
          xy: pointInCommunity(c, rng),
        })
      }
    }
  }
  // a few planned facilities, and a few with a radius other than the type's default
  for (const f of out) {
    if (rng.chance(PLANNED_SHARE)) f.status = 'planned'
    else if (rng.chance(0.02)) f.radiusM = rng.pick([400, 800, 1500])
  }
  // the street service centre's activity share is checked too
  for (const f of out)
    if (f.typeCode === 'street_service_centre' && f.floorAreaM2)
      f.activityAreaM2 = Math.round(f.floorAreaM2 * (rng.chance(0.85) ? rng.range(0.62, 0.8) : rng.range(0.45, 0.58)))
  return out
}

function plain(
  c: FacilityCommunity,
  typeCode: string,
  name: string,
  floor: [number, number],
  capacity: [number, number] | undefined,
  rng: Random,
): PlacedFacility {
  return {
    typeCode,
    name,
    streetCode: c.streetCode,
    communityCode: c.code,
    status: 'existing',
    floorAreaM2: Math.round(rng.range(floor[0], floor[1])),
    activityAreaM2: null,
    capacity: capacity ? Math.round(rng.range(capacity[0], capacity[1])) : null,
    radiusM: null,
    xy: pointInCommunity(c, rng),
  }
}

function streetFacilityName(s: FacilityStreet, type: string, k: number, count: number): string {
  const stem = streetStem(s.name)
  const nth = count > 1 ? `第${chineseNumeral(k)}` : ''
  switch (type) {
    case 'primary_school':
      return `${stem}${nth || '第一'}小学`
    case 'middle_school':
      return `${stem}${nth || '第一'}中学`
    case 'sports_ground':
      return `${stem}全民健身运动场${count > 1 ? k : ''}`
    case 'health_centre':
      return `${s.name}社区卫生服务中心${count > 1 ? `${chineseNumeral(k)}部` : ''}`
    case 'culture_centre':
      return `${s.name}文化活动中心${count > 1 ? `${chineseNumeral(k)}部` : ''}`
    case 'street_service_centre':
      return `${s.name}综合服务中心`
    case 'elderly_home':
      return `${stem}${nth}养老院`
    default:
      return `${s.name}公共法律服务站`
  }
}
