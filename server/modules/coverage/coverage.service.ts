// The one coverage store (core/domain/coverage-store, ADR 11) held by the server: read from
// PostGIS on first use (or right after the server starts listening) and kept in step on every
// facility change — the facility routes call `applyRows(rows)` after their transaction commits,
// which updates coverage, the per-community sums and the indicator rows in one pass. Coverage,
// equity, siting and the wall all read this store; a grid edit refreshes its grid figures.
import type { Kysely } from 'kysely'
import {
  applyFacilities,
  applyGrids,
  applySettings,
  type CoverageStore,
  createCoverageStore,
  type DistanceMethod,
  defaultMethod,
  storeFor,
} from '../../../core/domain/coverage-store'
import type { Database } from '../../db/schema'
import { badRequest } from '../../plugins/errors'
import type { EventBus } from '../../plugins/events'
import {
  type FacilityRow,
  readBuildingGridIds,
  readFacilities,
  readGrids,
  readNorms,
  readStoreWorld,
} from './coverage.repository'

/** The store as the service holds it: with the times of its read and its build. */
export type CoverageModel = CoverageStore & { loadMillis: number; computeMillis: number }

export interface CoverageStatus {
  loaded: boolean
  buildings: number
  facilities: number
  loadMillis: number
  computeMillis: number
  lastUpdateMillis: number | null
  updates: number
}

export class CoverageService {
  private model: Promise<CoverageModel> | null = null
  private loading = false
  private pending = new Set<number>()
  private lastUpdateMillis: number | null = null
  private updates = 0
  private loaded: CoverageModel | null = null
  private refreshing: Promise<void> | null = null

  constructor(private readonly db: Kysely<Database>) {}

  /** The model, loading it once (concurrent callers share the load), after any grid refresh in flight. */
  ensure(): Promise<CoverageModel> {
    if (this.refreshing) return this.refreshing.then(() => this.ensure())
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

  /** Changed norms (settings): re-reads them and applies them; requests wait for it. */
  refreshSettings(): void {
    this.refresh(async (m) => {
      const norms = await readNorms(this.db)
      applySettings(m, norms.settings, norms.tierRadiusRange)
    })
  }

  /**
   * A grid edit saved in one community: re-reads the current grids and that community's building
   * grids and applies them (coverage is unchanged). Requests wait for it; refreshes run in order.
   */
  refreshGrids(communityCode: string): void {
    this.refresh(async (m) => {
      const [grids, gridIds] = await Promise.all([readGrids(this.db), readBuildingGridIds(this.db, communityCode)])
      applyGrids(m, grids, [{ communityCode, gridIds }])
    })
  }

  /** Runs one update of the loaded model after those before it; on failure the model is dropped. */
  private refresh(update: (model: CoverageModel) => Promise<void>): void {
    if (!this.model || this.loading) {
      this.invalidate() // not built, or being read: the (next) load reads the committed rows
      return
    }
    const model = this.model
    const run: Promise<void> = (this.refreshing ?? Promise.resolve())
      .then(async () => {
        const m = await model
        if (this.model === model) await update(m)
      })
      .catch(() => this.invalidate()) // whatever failed, the next request rebuilds
      .finally(() => {
        if (this.refreshing === run) this.refreshing = null
      })
    this.refreshing = run
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
    this.lastUpdateMillis = applyFacilities(model, rows).millis
    this.updates++
  }

  private async load(started: number): Promise<CoverageModel> {
    const world = await readStoreWorld(this.db)
    const loadMillis = performance.now() - started
    const t = performance.now()
    const store = createCoverageStore(world)
    return Object.assign(store, { loadMillis, computeMillis: performance.now() - t })
  }
}

/**
 * Subscribes the service to change events: facility edits are applied by their routes; a grid
 * edit in a community refreshes the grid figures, a settings change the norms; any other change
 * (units, the world, a kind it does not know) drops the model for a rebuild on next use.
 */
export function followChanges(service: CoverageService, events: EventBus): () => void {
  return events.subscribe((event) => {
    if (event.kind === 'facilities') return
    if (event.kind === 'grids' && event.communityCode) service.refreshGrids(event.communityCode)
    else if (event.kind === 'settings') service.refreshSettings()
    else service.invalidate()
  })
}

/** The store as measured by `method` (walking by default where a network is stored); walking without one is a 400. */
export function viewOf<T extends CoverageStore>(
  model: T,
  method?: DistanceMethod,
): { view: T; method: DistanceMethod } {
  const chosen = method ?? defaultMethod(model)
  if (chosen === 'walk' && !model.walk)
    throw badRequest(
      'NO_WALK_NETWORK',
      'method=walk needs a walk network and none is stored: import one, or ask for method=radius (直线距离)',
    )
  return { view: storeFor(model, chosen) as T, method: chosen }
}
