// Find anything (找地方): one in-memory index over the names and codes of streets, communities,
// grids, units and facilities, matched by name, pinyin initials (拼音首字母) or code. Pure; the
// server builds it from one read and drops it when a change event says the names may have moved.
import { pinyin } from 'pinyin-pro'

export type SearchKind = 'street' | 'community' | 'grid' | 'unit' | 'facility'

/** The order kinds are listed in when they match equally well: the larger place first. */
export const SEARCH_KINDS: readonly SearchKind[] = ['street', 'community', 'grid', 'unit', 'facility']

export interface SearchSource {
  kind: SearchKind
  /** what selects it: street / community code, grid / unit / facility id */
  key: string | number
  /** its code (street 9, community 12, grid 15 digits; unit code; facility: none) */
  code: string | null
  name: string
  /** where it is, e.g. "紫云园社区 · 北塘街道" */
  context: string
  /** [minLng, minLat, maxLng, maxLat] */
  bbox: [number, number, number, number]
  /** the grid a unit belongs to, so selecting the unit opens its grid */
  gridId?: number | null
}

export interface SearchEntry extends SearchSource {
  folded: string
  initials: string
}

export interface SearchHit extends SearchSource {
  /** what matched: the name, its pinyin initials or the code */
  matched: 'name' | 'initials' | 'code'
}

/** Lower case, without spaces and the punctuation people type between parts of a name. */
export function foldQuery(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s·・,，.。\-_/()（）]+/g, '')
}

/** Pinyin initials of a name: 紫云园社区第1网格 → zyysqd1wg (letters and digits kept as they are). */
export function pinyinInitials(name: string): string {
  const letters = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
  return foldQuery(letters.join(''))
}

/** Builds the index; `initialsOf` keeps the pinyin of names already seen (a rebuild after an
 * edit then spells only the new names). */
export function buildSearchIndex(
  sources: readonly SearchSource[],
  initialsOf: Map<string, string> = new Map(),
): SearchEntry[] {
  return sources.map((s) => {
    let initials = initialsOf.get(s.name)
    if (initials === undefined) {
      initials = pinyinInitials(s.name)
      initialsOf.set(s.name, initials)
    }
    return { ...s, folded: foldQuery(s.name), initials }
  })
}

// lower is better; null: no match
function score(entry: SearchEntry, q: string, digits: boolean): { rank: number; matched: SearchHit['matched'] } | null {
  if (digits && entry.code) {
    if (entry.code === q) return { rank: 0, matched: 'code' }
    if (entry.code.startsWith(q)) return { rank: 1 + (entry.code.length - q.length) / 100, matched: 'code' }
  }
  if (entry.folded === q) return { rank: 0, matched: 'name' }
  if (entry.folded.startsWith(q)) return { rank: 2, matched: 'name' }
  const at = entry.folded.indexOf(q)
  if (at > 0) return { rank: 3 + at / 100, matched: 'name' }
  if (!/^[a-z0-9]+$/.test(q)) return null
  if (entry.initials === q) return { rank: 2, matched: 'initials' }
  if (entry.initials.startsWith(q)) return { rank: 4, matched: 'initials' }
  const i = entry.initials.indexOf(q)
  if (i > 0 && q.length >= 2) return { rank: 5 + i / 100, matched: 'initials' }
  return null
}

/** The best `limit` entries for a query, best first; an empty (or all-space) query finds nothing. */
export function search(index: readonly SearchEntry[], query: string, limit = 10): SearchHit[] {
  const q = foldQuery(query)
  if (q === '') return []
  const digits = /^\d+$/.test(q)
  const scored: { entry: SearchEntry; rank: number; matched: SearchHit['matched'] }[] = []
  for (const entry of index) {
    const s = score(entry, q, digits)
    if (s) scored.push({ entry, ...s })
  }
  scored.sort(
    (a, b) =>
      a.rank - b.rank ||
      SEARCH_KINDS.indexOf(a.entry.kind) - SEARCH_KINDS.indexOf(b.entry.kind) ||
      a.entry.name.length - b.entry.name.length ||
      a.entry.name.localeCompare(b.entry.name, 'zh') ||
      String(a.entry.key).localeCompare(String(b.entry.key)),
  )
  return scored.slice(0, limit).map(({ entry, matched }) => {
    const { folded: _f, initials: _i, ...source } = entry
    return { ...source, matched }
  })
}
