// How large a demo world the embedded engine (PGlite) is allowed to load.
import type { DemoRegion } from './types'

/** The refusal: start-up prints its message alone (no stack) and exits 1. */
export class EmbeddedCapacityError extends Error {}

/**
 * The embedded engine is one process running PostgreSQL in 32-bit WebAssembly memory. Measured on
 * the 2-core bench machine (scripts/bench/results/city.md, ADR 31): the city at scale 0.1 and 0.25
 * loads in ~4–4.5 min at a 1.2–1.3 GB peak; the full city stays under 2 GB but takes ~23 min just
 * to load, far beyond the start-up goals. So the Tianjin-wide world above EMBEDDED_CITY_MAX_SCALE
 * is refused before anything is opened or generated, with the way out (a PostgreSQL server).
 */
export const EMBEDDED_CITY_MAX_SCALE = 0.25

export function checkEmbeddedCapacity(kind: string, region: DemoRegion, scale: number): void {
  if (kind !== 'pglite' || region !== 'tianjin' || scale <= EMBEDDED_CITY_MAX_SCALE) return
  throw new EmbeddedCapacityError(
    `the Tianjin-wide world at scale ${scale} is too large for the embedded database: PGlite (one process, ` +
      `32-bit WebAssembly) would take tens of minutes to load it; it holds the city up to --scale ${EMBEDDED_CITY_MAX_SCALE}.\n` +
      '  Use a PostgreSQL server: DATABASE_URL=postgres://user@host:5432/db npm run reset -- --region tianjin\n' +
      `  or a smaller city: npm run reset -- --region tianjin --scale ${EMBEDDED_CITY_MAX_SCALE}`,
  )
}
