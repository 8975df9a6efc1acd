// The equalization figures and the wall read the one coverage store (app.coverage, ADR 11): no
// model of their own. The store keeps its indicator rows in step with every facility edit and is
// rebuilt after a grid edit; this service only hands them out, with the street names it checks
// query parameters against.

import type { FastifyInstance } from 'fastify'
import type { DistanceMethod, EquityScenario } from '../../../core/api'
import { type ScenarioFigures, type ScenarioResult, scenarioResult } from '../../../core/domain/coverage-store'
import { type CoverageModel, viewOf } from '../coverage/coverage.service'
import { loadStreetNames } from './equity.repository'

export class EquityService {
  private streets: Map<string, string> | null = null

  constructor(private readonly app: FastifyInstance) {}

  async streetNames(): Promise<Map<string, string>> {
    this.streets ??= await loadStreetNames(this.app.db)
    return this.streets
  }

  /**
   * Every community's indicators for a scenario (computed once, then kept in step by the store),
   * on straight-line distances unless walking is asked for (method=walk, ADR 22).
   */
  async result(
    scenario: EquityScenario,
    method: DistanceMethod = 'radius',
  ): Promise<{ model: CoverageModel; result: ScenarioResult }> {
    const model = viewOf(await this.app.coverage.ensure(), method).view
    return { model, result: scenarioResult(model, scenario) }
  }

  /** Coverage sums only (the wall): no per-community indicators computed. */
  async sums(scenario: EquityScenario): Promise<{ model: CoverageModel; sums: ScenarioFigures }> {
    const model = await this.app.coverage.ensure()
    return { model, sums: model.scenarios[scenario] }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    equity: EquityService
  }
}

/** Decorates the app with its equity service (it reads the coverage store: register coverage first). */
export function registerEquityService(app: FastifyInstance): EquityService {
  const service = new EquityService(app)
  app.decorate('equity', service)
  return service
}
