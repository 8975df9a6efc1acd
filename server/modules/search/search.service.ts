// The search index, built on the first search and dropped whenever a change event may have
// renamed, added, moved or removed something (grid edits, facility edits, imports, settings).
import type { FastifyInstance } from 'fastify'
import { buildSearchIndex, type SearchEntry } from '../../../core/domain/search/search-index'
import { readSearchSources } from './search.repository'

declare module 'fastify' {
  interface FastifyInstance {
    searchIndex: () => Promise<SearchEntry[]>
  }
}

export function registerSearch(app: FastifyInstance) {
  let index: Promise<SearchEntry[]> | null = null
  let generation = 0
  const initials = new Map<string, string>()
  app.decorate('searchIndex', () => {
    if (!index) {
      const built = generation
      index = readSearchSources(app.db).then((sources) => buildSearchIndex(sources, initials))
      // a failed read is not kept: the next search tries again
      index.catch(() => {
        if (generation === built) index = null
      })
    }
    return index
  })
  app.events.subscribe(() => {
    generation++
    index = null
  })
}
