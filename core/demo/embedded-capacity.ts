// How large a demo world the embedded engine (PGlite) is allowed to load.
import type { DemoRegion } from './types'

/**
 * The embedded engine runs in 32-bit WebAssembly memory (at most 4 GB, less in practice): the
 * Tianjin-wide world beyond EMBEDDED_CITY_MAX_SCALE is refused before anything is generated, with
 * the way out (a PostgreSQL server), instead of a crash or a swap storm halfway through loading.
 * The limit is measured by `npm run bench -- city` (scripts/bench/results/city.md).
 */
/** The refusal: start-up prints its message alone (no stack) and exits 1. */
export class EmbeddedCapacityError extends Error {}

export const EMBEDDED_CITY_MAX_SCALE = 0.25

export function checkEmbeddedCapacity(kind: string, region: DemoRegion, scale: number): void {
  if (kind !== 'pglite' || region !== 'tianjin' || scale <= EMBEDDED_CITY_MAX_SCALE) return
  throw new EmbeddedCapacityError(
    `the Tianjin-wide world at scale ${scale} is too large for the embedded database (PGlite runs in 32-bit ` +
      `WebAssembly memory; it holds the city up to --scale ${EMBEDDED_CITY_MAX_SCALE}).\n` +
      '  Use a PostgreSQL server: DATABASE_URL=postgres://user@host:5432/db npm run reset -- --region tianjin\n' +
      `  or a smaller city: npm run reset -- --region tianjin --scale ${EMBEDDED_CITY_MAX_SCALE}`,
  )
}
