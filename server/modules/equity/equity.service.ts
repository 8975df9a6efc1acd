// The app's one equity model: loaded from the database on first use, kept in step with saved
// edits through the change-event bus. Buildings load once; a 'facilities' change reloads the
// facilities (coverage is recomputed on the next request), a 'grids' change reloads the grid
// totals, a 'communities' change reloads the communities; any other kind reloads all but buildings.

import type { FastifyInstance } from 'fastify'
import type { EquityScenario } from '../../../core/api'
import { listFacilityTypes } from '../facilities/facilities.repository'
import { readSettings } from '../settings/settings.repository'
import { loadBuildings, loadCommunities, loadFacilities, loadGrids, loadStreetNames } from './equity.repository'
import {
  type CoverageSums,
  EquityModel,
  type EquityWorld,
  indicatorSettingsFrom,
  type ScenarioResult,
} from './equity-model'

type Part = 'facilities' | 'grids' | 'communities' | 'settings'
const ALL_PARTS: Part[] = ['facilities', 'grids', 'communities', 'settings']

export class EquityService {
  private model: EquityModel | null = null
  private streets: Map<string, string> | null = null
  private loading: Promise<EquityModel> | null = null
  private readonly stale = new Set<Part>()

  constructor(private readonly app: FastifyInstance) {}

  /** Marks what a change event touched; the next request reloads it. */
  invalidate(kind: string): void {
    if (kind === 'facilities' || kind === 'grids' || kind === 'communities' || kind === 'settings') this.stale.add(kind)
    else for (const p of ALL_PARTS) this.stale.add(p)
  }

  async streetNames(): Promise<Map<string, string>> {
    this.streets ??= await loadStreetNames(this.app.db)
    return this.streets
  }

  /** The model, loaded and brought up to date. Concurrent callers share one load. */
  async current(): Promise<EquityModel> {
    while (this.loading) await this.loading
    if (this.model && this.stale.size === 0) return this.model
    this.loading = this.load().finally(() => {
      this.loading = null
    })
    return this.loading
  }

  async result(scenario: EquityScenario): Promise<{ model: EquityModel; result: ScenarioResult }> {
    const model = await this.current()
    return { model, result: model.result(scenario) }
  }

  /** Coverage sums only (the wall): no per-community indicators computed. */
  async sums(scenario: EquityScenario): Promise<{ model: EquityModel; sums: CoverageSums }> {
    const model = await this.current()
    return { model, sums: model.sums(scenario) }
  }

  private async load(): Promise<EquityModel> {
    const db = this.app.db
    if (!this.model) {
      this.stale.clear()
      const communities = await loadCommunities(db)
      const world: EquityWorld = {
        communities,
        buildings: await loadBuildings(
          db,
          communities.map((c) => c.code),
        ),
        facilities: await loadFacilities(db),
        types: await listFacilityTypes(db),
        grids: await loadGrids(db),
        settings: indicatorSettingsFrom(await readSettings(db)),
      }
      this.model = new EquityModel(world)
      return this.model
    }
    const parts = [...this.stale]
    this.stale.clear()
    const next: Parameters<EquityModel['update']>[0] = {}
    if (parts.includes('facilities')) {
      next.facilities = await loadFacilities(db)
      next.types = await listFacilityTypes(db)
    }
    if (parts.includes('grids')) next.grids = await loadGrids(db)
    if (parts.includes('communities')) next.communities = await loadCommunities(db)
    if (parts.includes('settings')) next.settings = indicatorSettingsFrom(await readSettings(db))
    this.model.update(next)
    return this.model
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    equity: EquityService
  }
}

/** Decorates the app with its equity service and keeps it in step with the change events. */
export function registerEquityService(app: FastifyInstance): EquityService {
  const service = new EquityService(app)
  app.decorate('equity', service)
  const unsubscribe = app.events.subscribe((event) => service.invalidate(event.kind))
  app.addHook('onClose', async () => unsubscribe())
  return service
}
