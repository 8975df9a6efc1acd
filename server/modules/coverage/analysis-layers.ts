// The analysis layers — coverage gaps and equity indicators — as rows from the coverage store
// (ADR 11), for the OGC API, the exports and the tiles. Rows are kept per question until the
// next change event (a GDAL client reading the gaps whole asks for them page after page); a
// question the store cannot answer (an unknown type or tier) is a 400 naming the value.
import type { FastifyInstance } from 'fastify'
import type { CoverageScenario } from '../../../core/api'
import {
  CoverageQueryError,
  type CoverageStore,
  defaultMethod,
  equityRows,
  gapRows,
  storeFor,
} from '../../../core/domain/coverage-store'
import { badRequest } from '../../plugins/errors'
import type { MemoryRows } from '../ogc/ogc.repository'

export const ANALYSIS_LAYERS = ['coverage-gaps', 'equity-indicators'] as const
export type AnalysisLayer = (typeof ANALYSIS_LAYERS)[number]
export const isAnalysisLayer = (id: string): id is AnalysisLayer => (ANALYSIS_LAYERS as readonly string[]).includes(id)

export interface AnalysisQuery {
  scenario?: CoverageScenario
  /** coverage gaps of one facility type */
  type?: string
  /** coverage gaps of the types of one tier */
  tier?: string
  /** one community's or street's part */
  community?: string
  street?: string
}

function rowsOf(store: CoverageStore, layer: AnalysisLayer, q: AnalysisQuery): MemoryRows {
  const scenario = q.scenario ?? 'as-is'
  const inScope = (p: { communityCode?: string; code?: string; streetCode: string }) =>
    (q.community === undefined || (p.communityCode ?? p.code) === q.community) &&
    (q.street === undefined || p.streetCode === q.street)
  try {
    if (layer === 'coverage-gaps')
      return {
        table: 'buildings',
        // measured as the coverage API measures by default: walking where a network is stored
        rows: gapRows(storeFor(store, defaultMethod(store)), { type: q.type, tier: q.tier, scenario })
          .filter((r) => inScope(r.properties))
          .map((r) => ({ id: r.id, key: r.buildingId, properties: r.properties, lngLat: [r.lng, r.lat] })),
      }
    if (q.type !== undefined || q.tier !== undefined)
      throw badRequest('BAD_REQUEST', 'type and tier filter the coverage gaps only')
    return {
      table: 'communities',
      rows: equityRows(store, scenario)
        .filter((r) => inScope(r))
        .map((r) => ({ id: r.code, key: r.code, properties: r })),
    }
  } catch (error) {
    if (error instanceof CoverageQueryError) throw badRequest(error.code, error.message)
    throw error
  }
}

export class AnalysisLayers {
  /** rows per question, for the store they were read from; emptied by every change event */
  private cache = new WeakMap<CoverageStore, Map<string, MemoryRows>>()
  constructor(private readonly app: FastifyInstance) {}

  /** An analysis layer's rows: properties from the store, the key of the geometry they stand on. */
  async rows(layer: AnalysisLayer, q: AnalysisQuery): Promise<MemoryRows> {
    const store = await this.app.coverage.ensure()
    const key = JSON.stringify([layer, q.scenario ?? 'as-is', q.type, q.tier, q.community, q.street])
    const byQuestion = this.cache.get(store) ?? new Map<string, MemoryRows>()
    this.cache.set(store, byQuestion)
    let rows = byQuestion.get(key)
    if (!rows) {
      rows = rowsOf(store, layer, q)
      if (byQuestion.size >= 32) byQuestion.clear()
      byQuestion.set(key, rows)
    }
    return rows
  }

  /** Forgets every kept answer (a change may have moved any of them). */
  clear() {
    this.cache = new WeakMap()
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    analysis: AnalysisLayers
  }
}

/** Decorates the app with its analysis layers (they read the coverage store: register coverage first). */
export function registerAnalysisLayers(app: FastifyInstance) {
  const layers = new AnalysisLayers(app)
  app.decorate('analysis', layers)
  const unsubscribe = app.events.subscribe(() => layers.clear())
  app.addHook('onClose', async () => unsubscribe())
}
