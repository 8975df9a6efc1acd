// Daily snapshots of the wall's key figures (ADR 30): written at start-up and then once a day, for
// the district and each street, from the coverage store's as-is figures; idempotent per day (a
// restart on the same day writes nothing). The wall reads each tile's trend since the first
// snapshot of its stop.
import type { FastifyInstance } from 'fastify'
import type { WallKpis } from '../../../core/api'
import { wallKpis, wallSnapshotFigures } from '../../../core/domain/coverage-store'
import { DISTRICT_SCOPE, snapshotDay, snapshotScope } from '../../../core/domain/indicator-snapshots'
import { firstSnapshots, writeSnapshots } from './snapshots.repository'

/** How often the daily timer looks whether the day has turned (it writes only on a new day). */
const CHECK_EVERY_MS = 15 * 60_000

export class SnapshotService {
  /** the day whose snapshots are known to be written */
  private writtenDay: string | null = null
  private writing: Promise<void> | null = null
  private first: Map<string, { since: string; figures: Record<string, number> }> | null = null
  private timer: ReturnType<typeof setInterval> | null = null

  constructor(private readonly app: FastifyInstance) {}

  /** Writes today's snapshots unless already written (cheap after the first call of the day). */
  async ensureToday(now = new Date()): Promise<void> {
    const day = snapshotDay(now)
    if (this.writtenDay === day && this.first) return
    this.writing ??= this.write(day).finally(() => {
      this.writing = null
    })
    await this.writing
  }

  private async write(day: string): Promise<void> {
    const { model, sums } = await this.app.equity.sums('as-is')
    const streets = await this.app.equity.streetNames()
    const scopes: { code: string; name: string }[] = [...streets].map(([code, name]) => ({ code, name }))
    const rows = [
      { scope: DISTRICT_SCOPE, figures: wallSnapshotFigures(wallKpis(model, sums, null)) },
      ...scopes.map((s) => ({ scope: snapshotScope(s.code), figures: wallSnapshotFigures(wallKpis(model, sums, s)) })),
    ]
    await writeSnapshots(this.app.db, day, rows)
    this.first = await firstSnapshots(this.app.db)
    this.writtenDay = day
    // the wall's answers kept so far carry the trend as it was before this day's snapshot
    this.app.readCache?.invalidate()
  }

  /** The first snapshot of a stop (null: the district), for the wall's trends. */
  trendOf(street: string | null): WallKpis['trend'] {
    return this.first?.get(snapshotScope(street)) ?? null
  }

  /** Start-up: today's snapshot now, then a look every quarter hour for a new day. */
  startDaily(onError: (error: unknown) => void): void {
    this.ensureToday().catch(onError)
    this.timer ??= setInterval(() => this.ensureToday().catch(onError), CHECK_EVERY_MS)
    this.timer.unref?.()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    snapshots: SnapshotService
  }
}

/** Decorates the app with its snapshot service (it reads the equity service: register that first). */
export function registerSnapshots(app: FastifyInstance): SnapshotService {
  const service = new SnapshotService(app)
  app.decorate('snapshots', service)
  app.addHook('onClose', async () => service.stop())
  return service
}
