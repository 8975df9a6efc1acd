// Coverage held in memory (DESIGN.md §5): built from PostGIS on first use (or right after the
// server starts listening), projected to EPSG:4548, and kept in step on every facility change —
// the facility routes call `applyFacilities(ids)` after their transaction commits. Two states,
// one per scenario ('as-is', 'with-planned'), so switching scenario costs nothing.
import type { Kysely } from 'kysely'
import {
  type CoverageState,
  computeCoverage,
  createDemandIndex,
  type DemandIndex,
  type Facility,
  type FacilityType,
  type Scenario,
  servedHouseholds,
  upsertFacility,
} from '../../../core/domain/coverage'
import { type ComplianceResult, checkCompliance } from '../../../core/domain/coverage/compliance'
import { toMetric, toMetricBatch } from '../../../core/geo'
import type { Database } from '../../db/schema'
import type { EventBus } from '../../plugins/events'
import {
  type CoverageSnapshot,
  type FacilityRow,
  type FacilityTypeRow,
  readCoverageSnapshot,
  readFacilities,
} from './coverage.repository'

export type Level = 'district' | 'street' | 'community' | 'grid' | 'unit'

/** One level's dense keys: key per building, and per key its code, name and bbox. */
export interface LevelKeys {
  of: Int32Array // key per building
  codes: string[]
  names: string[]
  kinds: (string | undefined)[]
  communityCodes: (string | undefined)[]
  streetCodes: (string | undefined)[]
  bbox: Float64Array // 4 per key: minLng, minLat, maxLng, maxLat (NaN when the key has no buildings)
}

export interface CoverageModel {
  snapshot: CoverageSnapshot
  demand: DemandIndex
  levels: Record<Level, LevelKeys>
  urban: Uint8Array // 1 for buildings of urban communities
  types: Map<string, FacilityTypeRow>
  facilities: Map<number, FacilityRow>
  states: Record<Scenario, CoverageState>
  loadMillis: number
  computeMillis: number
}

export interface CoverageStatus {
  loaded: boolean
  buildings: number
  facilities: number
  loadMillis: number
  computeMillis: number
  lastUpdateMillis: number | null
  updates: number
}

const SCENARIOS: Scenario[] = ['as-is', 'with-planned']

export class CoverageService {
  private model: Promise<CoverageModel> | null = null
  private loading = false
  private pending = new Set<number>()
  private lastUpdateMillis: number | null = null
  private updates = 0
  private loaded: CoverageModel | null = null

  constructor(private readonly db: Kysely<Database>) {}

  /** The model, loading it once (concurrent callers share the load). */
  ensure(): Promise<CoverageModel> {
    if (!this.model) {
      this.loading = true
      const started = performance.now()
      this.model = this.load(started).then(
        async (model) => {
          this.loaded = model
          // changes committed while the snapshot was read are applied on top
          while (this.pending.size > 0) {
            const ids = [...this.pending]
            this.pending.clear()
            await this.applyTo(model, ids)
          }
          this.loading = false
          return model
        },
        (error) => {
          this.model = null
          this.loading = false
          throw error
        },
      )
    }
    return this.model
  }

  /** Forget the model (grid membership changed): the next request rebuilds it. */
  invalidate(): void {
    if (this.loading) {
      // after the load in flight (a failed load has already forgotten itself)
      this.model?.then(
        () => this.invalidate(),
        () => {},
      )
      return
    }
    this.model = null
    this.loaded = null
  }

  /** Re-reads the given facilities and updates both scenarios incrementally. Call after commit. */
  async applyFacilities(ids: number[]): Promise<void> {
    if (!this.model) return // not built yet: the first load reads the committed rows
    if (this.loading) {
      for (const id of ids) this.pending.add(id)
      return
    }
    await this.applyTo(await this.model, ids)
  }

  /** The same with the committed rows in hand (no re-read). Call after commit. */
  async applyRows(rows: FacilityRow[]): Promise<void> {
    if (!this.model) return
    if (this.loading) return this.applyFacilities(rows.map((r) => r.id))
    this.applyLoaded(await this.model, rows)
  }

  status(): CoverageStatus {
    const m = this.loaded
    return {
      loaded: m !== null,
      buildings: m?.demand.count ?? 0,
      facilities: m?.facilities.size ?? 0,
      loadMillis: m?.loadMillis ?? 0,
      computeMillis: m?.computeMillis ?? 0,
      lastUpdateMillis: this.lastUpdateMillis,
      updates: this.updates,
    }
  }

  private async applyTo(model: CoverageModel, ids: number[]): Promise<void> {
    this.applyLoaded(model, await readFacilities(this.db, ids))
  }

  private applyLoaded(model: CoverageModel, rows: FacilityRow[]): void {
    const started = performance.now()
    for (const row of rows) {
      model.facilities.set(row.id, row)
      const facility = toCoreFacility(row)
      for (const scenario of SCENARIOS) upsertFacility(model.states[scenario], facility)
    }
    this.lastUpdateMillis = performance.now() - started
    this.updates++
  }

  private async load(started: number): Promise<CoverageModel> {
    const snapshot = await readCoverageSnapshot(this.db)
    const loadMillis = performance.now() - started
    const t = performance.now()
    const model = buildModel(snapshot)
    model.loadMillis = loadMillis
    model.computeMillis = performance.now() - t
    return model
  }
}

/** Builds the demand index, level keys and both scenario states from a snapshot. */
export function buildModel(snapshot: CoverageSnapshot): CoverageModel {
  const b = snapshot.buildings
  const n = b.id.length
  const { xMeters, yMeters } = toMetricBatch(b.lng, b.lat)
  const communityByCode = new Map(snapshot.communities.map((c) => [c.code, c]))
  const urban = new Uint8Array(n)
  for (let i = 0; i < n; i++) urban[i] = communityByCode.get(b.communityCode[i])?.kind === 'urban' ? 1 : 0
  const levels: Record<Level, LevelKeys> = {
    district: levelKeys(b, () => snapshot.district.code, [
      { code: snapshot.district.code, name: snapshot.district.name },
    ]),
    street: levelKeys(
      b,
      (i) => b.streetCode[i],
      snapshot.streets.map((s) => ({ code: s.code, name: s.name, streetCode: s.code })),
    ),
    community: levelKeys(
      b,
      (i) => b.communityCode[i],
      snapshot.communities.map((c) => ({
        code: c.code,
        name: c.name,
        kind: c.kind,
        communityCode: c.code,
        streetCode: c.streetCode,
      })),
    ),
    grid: levelKeys(b, (i) => String(b.gridId[i]), [
      ...snapshot.grids.map((g) => ({
        code: String(g.id),
        name: g.code,
        communityCode: g.communityCode,
        streetCode: communityByCode.get(g.communityCode)?.streetCode,
      })),
      { code: '0', name: 'unassigned' },
    ]),
    unit: levelKeys(
      b,
      (i) => String(b.unitId[i]),
      snapshot.units.map((u) => ({
        code: String(u.id),
        name: u.name,
        communityCode: u.communityCode,
        streetCode: communityByCode.get(u.communityCode)?.streetCode,
      })),
    ),
  }
  const demand = createDemandIndex({
    xMeters,
    yMeters,
    households: b.households,
    residents: b.residents,
    keys: {
      grid: levels.grid.of,
      community: levels.community.of,
      street: levels.street.of,
      urbanRural: Int32Array.from(urban, (u) => (u ? 0 : 1)),
    },
  })
  const types = new Map(snapshot.types.map((t) => [t.code, t]))
  const coreTypes: FacilityType[] = snapshot.types.map((t) => ({
    id: t.code,
    tier: t.tier,
    defaultRadiusMeters: t.defaultRadiusM,
  }))
  const coreFacilities = snapshot.facilities.map(toCoreFacility)
  const states = {
    'as-is': computeCoverage(demand, coreFacilities, coreTypes, { scenario: 'as-is' }),
    'with-planned': computeCoverage(demand, coreFacilities, coreTypes, { scenario: 'with-planned' }),
  }
  return {
    snapshot,
    demand,
    levels,
    urban,
    types,
    facilities: new Map(snapshot.facilities.map((f) => [f.id, f])),
    states,
    loadMillis: 0,
    computeMillis: 0,
  }
}

interface KeyInfo {
  code: string
  name: string
  kind?: string
  communityCode?: string
  streetCode?: string
}

function levelKeys(b: CoverageSnapshot['buildings'], codeOf: (i: number) => string, infos: KeyInfo[]): LevelKeys {
  const index = new Map<string, number>()
  const keys: LevelKeys = {
    of: new Int32Array(b.id.length),
    codes: [],
    names: [],
    kinds: [],
    communityCodes: [],
    streetCodes: [],
    bbox: new Float64Array(0),
  }
  const add = (info: KeyInfo) => {
    index.set(info.code, keys.codes.length)
    keys.codes.push(info.code)
    keys.names.push(info.name)
    keys.kinds.push(info.kind)
    keys.communityCodes.push(info.communityCode)
    keys.streetCodes.push(info.streetCode)
  }
  for (const info of infos) add(info)
  for (let i = 0; i < b.id.length; i++) {
    const code = codeOf(i)
    let k = index.get(code)
    if (k === undefined) {
      add({ code, name: code }) // a key the tables did not list (e.g. a retired grid)
      k = index.get(code)!
    }
    keys.of[i] = k
  }
  // bbox of each key's buildings (for fly-to and bbox filters)
  const bbox = new Float64Array(keys.codes.length * 4).fill(Number.NaN)
  for (let i = 0; i < b.id.length; i++) {
    const o = keys.of[i] * 4
    const lng = b.lng[i]
    const lat = b.lat[i]
    if (Number.isNaN(bbox[o])) {
      bbox[o] = bbox[o + 2] = lng
      bbox[o + 1] = bbox[o + 3] = lat
    } else {
      bbox[o] = Math.min(bbox[o], lng)
      bbox[o + 1] = Math.min(bbox[o + 1], lat)
      bbox[o + 2] = Math.max(bbox[o + 2], lng)
      bbox[o + 3] = Math.max(bbox[o + 3], lat)
    }
  }
  keys.bbox = bbox
  return keys
}

export function toCoreFacility(row: FacilityRow): Facility {
  const [x, y] = toMetric([row.lng, row.lat])
  return {
    id: String(row.id),
    typeId: row.typeCode,
    xMeters: x,
    yMeters: y,
    status: row.status,
    radiusMeters: row.radiusM ?? undefined,
  }
}

/** The scenario a facility counts in: planned ones only with planned facilities. */
export function scenarioOf(status: FacilityRow['status']): Scenario {
  return status === 'planned' ? 'with-planned' : 'as-is'
}

/** Compliance of one facility, with the households its radius reaches in its own scenario. */
export function complianceOf(
  model: CoverageModel,
  row: FacilityRow,
  tierRadiusRange = model.snapshot.tierRadiusRange,
): ComplianceResult & { servedHouseholds: number; radiusM: number } {
  const type = model.types.get(row.typeCode)
  if (!type) throw new Error(`facility ${row.id} has unknown type ${row.typeCode}`)
  const served = Math.round(servedHouseholds(model.states[scenarioOf(row.status)], String(row.id)))
  const radiusM = row.radiusM ?? type.defaultRadiusM
  return {
    ...checkCompliance({
      tier: type.tier,
      radiusMeters: radiusM,
      floorAreaM2: row.floorAreaM2,
      activityAreaM2: row.activityAreaM2,
      minActivityShare: type.minActivityShare,
      floorAreaM2Per100Households: type.floorAreaM2Per100Households,
      servedHouseholds: served,
      tierRadiusRange,
    }),
    servedHouseholds: served,
    radiusM,
  }
}

/** Subscribes the service to change events: grid membership changes rebuild the model lazily. */
export function followChanges(service: CoverageService, events: EventBus): () => void {
  return events.subscribe((event) => {
    if (event.kind === 'grids' || event.kind === 'units' || event.kind === 'world') service.invalidate()
  })
}
