// The wall's unattended tour: the whole district, then each street in code order, one step per
// period. Pure: the page owns the timer.

/** Seconds per step unless the display link says otherwise (?cycle=30; 0 stops the tour). */
export const DEFAULT_CYCLE_SECONDS = 20
export const MIN_CYCLE_SECONDS = 5

/** The tour: null (the district) first, then the street codes sorted. */
export function tourStops(streetCodes: readonly string[]): (string | null)[] {
  return [null, ...[...streetCodes].sort()]
}

/** The stop after `current` (wrapping); an unknown current restarts at the district. */
export function nextStop(stops: readonly (string | null)[], current: string | null): string | null {
  if (stops.length === 0) return null
  const at = stops.indexOf(current)
  return at < 0 ? stops[0] : stops[(at + 1) % stops.length]
}

/** The step period in ms from a query string: ?cycle=<seconds>; 0 = no tour; junk → the default. */
export function cyclePeriodMs(search: string): number {
  const raw = new URLSearchParams(search).get('cycle')
  if (raw === null || raw.trim() === '') return DEFAULT_CYCLE_SECONDS * 1000
  const seconds = Number(raw)
  if (!Number.isFinite(seconds) || seconds < 0) return DEFAULT_CYCLE_SECONDS * 1000
  if (seconds === 0) return 0
  return Math.max(seconds, MIN_CYCLE_SECONDS) * 1000
}
