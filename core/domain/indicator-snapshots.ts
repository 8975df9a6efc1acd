// Daily snapshots of the wall's key figures (每日指标快照): which day a moment belongs to (the
// district's own calendar, Asia/Shanghai), and a tile's trend since the first snapshot. Pure.

export const SNAPSHOT_TIME_ZONE = 'Asia/Shanghai'
export const DISTRICT_SCOPE = 'district'

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: SNAPSHOT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The calendar day of `at` in Asia/Shanghai, as YYYY-MM-DD (a snapshot's key with its scope). */
export function snapshotDay(at: Date): string {
  return dayFormat.format(at)
}

/** A snapshot scope: the district, or a street code. */
export const snapshotScope = (street: string | null) => street ?? DISTRICT_SCOPE

export interface Trend {
  /** now − then */
  delta: number
  direction: 'up' | 'down' | 'flat'
}

/**
 * A figure's change since its first snapshot; null when the snapshot has no such figure. Changes
 * smaller than `epsilon` (rounding noise) read as flat.
 */
export function trendOf(now: number, then: number | undefined, epsilon = 1e-9): Trend | null {
  if (then === undefined || !Number.isFinite(then) || !Number.isFinite(now)) return null
  const delta = now - then
  if (Math.abs(delta) <= epsilon) return { delta: 0, direction: 'flat' }
  return { delta, direction: delta > 0 ? 'up' : 'down' }
}
