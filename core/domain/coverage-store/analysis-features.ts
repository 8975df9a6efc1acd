// The analysis layers as feature rows, read from the coverage store (pure): the coverage gaps —
// one row per building a facility type does not reach, per type — and the equity indicators — one
// row per community with its values. The OGC API, the exports and the tiles serve these rows; the
// geometry (a building's point, a community's polygon) is joined by id where they are served.
import type { Scenario } from '../coverage'
import { coveredFlags, type Subject } from './coverage-queries'
import type { CoverageStore } from './coverage-store'
import { scenarioResult } from './coverage-store'

export interface GapProperties {
  buildingId: number
  typeCode: string
  typeName: string
  tier: string
  scenario: Scenario
  households: number
  residents: number
  /** metres to the nearest facility of the type; null when there is none at all */
  nearestM: number | null
  communityCode: string
  streetCode: string
  unitId: number
  gridId: number | null
}

export interface GapRow {
  /** `typeCode.buildingId`: unique within the collection */
  id: string
  buildingId: number
  lng: number
  lat: number
  properties: GapProperties
}

/**
 * The buildings with households that a facility type does not reach in a scenario, type by type
 * (display order), each type's in building-id order. `type` or `tier` narrows it to one type or
 * the types of one life-circle tier (unknown names throw a CoverageQueryError).
 */
export function gapRows(store: CoverageStore, subject: Subject = {}): GapRow[] {
  const scenario = subject.scenario ?? 'as-is'
  const types = subject.type
    ? [subject.type]
    : store.world.types.filter((t) => subject.tier === undefined || t.tier === subject.tier).map((t) => t.code)
  // an unknown tier (no type of it) is a question asked wrongly, as in the other coverage queries
  if (!subject.type && subject.tier !== undefined && types.length === 0) coveredFlags(store, { tier: subject.tier })
  const { buildings, communities } = store.world
  const rows: GapRow[] = []
  for (const code of types) {
    const flags = coveredFlags(store, { type: code, tier: subject.tier, scenario })
    const type = store.types.get(code)!
    for (const i of store.byId) {
      if (flags.covered[i] || store.demand.households[i] <= 0) continue
      const community = communities[buildings.community[i]]
      const d = flags.nearestMeters?.[i]
      const buildingId = buildings.id[i]
      rows.push({
        id: `${code}.${buildingId}`,
        buildingId,
        lng: buildings.lng[i],
        lat: buildings.lat[i],
        properties: {
          buildingId,
          typeCode: code,
          typeName: type.nameZh,
          tier: type.tier,
          scenario,
          households: Math.round(buildings.households[i]),
          residents: Math.round(buildings.residents[i]),
          nearestM: d === undefined || !Number.isFinite(d) ? null : Math.round(d),
          communityCode: community.code,
          streetCode: community.streetCode,
          unitId: buildings.unitId[i],
          gridId: buildings.gridId[i] || null,
        },
      })
    }
  }
  return rows
}

/** A property name for an indicator code (`coverage_share:tier:5min` → `coverage_share_tier_5min`). */
export const indicatorProperty = (code: string) => code.replace(/[^A-Za-z0-9_]/g, '_')

/** The fixed properties of an equity feature, before one number per indicator of the catalogue. */
export interface EquityProperties {
  code: string
  name: string
  streetCode: string
  streetName: string
  kind: string
  scenario: Scenario
  households: number
  residents: number
  workers: number
  gridCount: number
  stars: number | null
  score: number | null
  [indicator: string]: string | number | null
}

/** The indicator property names of the store's catalogue, in catalogue order. */
export function equityIndicatorProperties(store: CoverageStore): string[] {
  return store.catalogue.map((i) => indicatorProperty(i.code))
}

/** One row per community (code order) with its figures, star rating and every indicator's value. */
export function equityRows(store: CoverageStore, scenario: Scenario = 'as-is'): EquityProperties[] {
  const result = scenarioResult(store, scenario)
  return result.rows.map((r) => {
    const c = r.community
    const row: EquityProperties = {
      code: c.code,
      name: c.name,
      streetCode: c.streetCode,
      streetName: c.streetName,
      kind: c.kind,
      scenario,
      households: c.households,
      residents: c.residents,
      workers: c.workers,
      gridCount: r.indicators.gridCount,
      stars: r.rating.stars,
      score: r.rating.score,
    }
    for (const info of store.catalogue) {
      const v = r.values[info.code]
      row[indicatorProperty(info.code)] = v === undefined || v === null || !Number.isFinite(v) ? null : v
    }
    return row
  })
}
