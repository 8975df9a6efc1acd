// The wall's alarm list in pages: as many rows as the column holds, every alarm shown in turn.
// Pure: the list measures, the page owns the timer.

/** Seconds each page of alarms stays on the wall, unless the display link says otherwise (?page=). */
export const ALARM_PAGE_SECONDS = 8
export const MIN_ALARM_PAGE_SECONDS = 2

/** The page period in ms from a query string: ?page=<seconds> (at least 2); junk → the default. */
export function alarmPageMs(search: string): number {
  const raw = new URLSearchParams(search).get('page')
  const seconds = raw === null || raw.trim() === '' ? Number.NaN : Number(raw)
  if (!Number.isFinite(seconds) || seconds <= 0) return ALARM_PAGE_SECONDS * 1000
  return Math.max(seconds, MIN_ALARM_PAGE_SECONDS) * 1000
}

/** Rows per page from the list's height and one row's height (at least one row). */
export function rowsPerPage(listHeightPx: number, rowHeightPx: number): number {
  if (!(rowHeightPx > 0) || !(listHeightPx > 0)) return 1
  return Math.max(1, Math.floor(listHeightPx / rowHeightPx))
}

/** The pages: index ranges [start, end) of `count` items, `perPage` each. */
export function alarmPages(count: number, perPage: number): [number, number][] {
  const pages: [number, number][] = []
  for (let start = 0; start < count; start += perPage) pages.push([start, Math.min(count, start + perPage)])
  return pages.length ? pages : [[0, 0]]
}
