import { badRequest } from '../../plugins/errors'

const DAY_MS = 86_400_000

/**
 * The moment an `asOf` parameter means: a date is the end of that day (UTC), so the grids shown
 * are the last ones of that day; a timestamp is itself. A bad one is a 400 BAD_AS_OF naming it.
 */
export function asOfMoment(text: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text)
  const ms = Date.parse(dateOnly ? `${text}T00:00:00Z` : text)
  if (!Number.isFinite(ms) || (dateOnly && new Date(ms).toISOString().slice(0, 10) !== text))
    throw badRequest('BAD_AS_OF', `asOf must be a real date YYYY-MM-DD or an ISO timestamp, got "${text}"`)
  return new Date(dateOnly ? ms + DAY_MS - 1 : ms).toISOString()
}
