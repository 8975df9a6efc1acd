// Find anything (找地方): a search box over streets, communities, grids, units and facilities by
// name, pinyin initials or code. It only finds; what a chosen hit does (fly, select, highlight)
// is the page's business (onPick).
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import type { SearchHit } from '../../../core/api'
import { api } from '../api/client'
import type { MessageKey } from '../i18n/dictionaries'
import { useI18n } from '../i18n/i18n-provider'

const DEBOUNCE_MS = 200

export interface SearchBoxProps {
  onPick: (hit: SearchHit) => void
}

export function SearchBox({ onPick }: SearchBoxProps) {
  const { t } = useI18n()
  const listId = useId()
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<SearchHit[]>([])
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const [failed, setFailed] = useState(false)
  const [searching, setSearching] = useState(false)
  const latest = useRef(query)
  latest.current = query

  useEffect(() => {
    const q = query.trim()
    if (q === '') {
      setHits([])
      setSearching(false)
      return
    }
    const controller = new AbortController()
    setSearching(true)
    const timer = setTimeout(() => {
      api
        .search(q, 10, controller.signal)
        .then((result) => {
          if (latest.current.trim() !== q) return
          setHits(result.hits)
          setActive(0)
          setFailed(false)
          setSearching(false)
        })
        .catch(() => {
          if (controller.signal.aborted) return
          setHits([])
          setFailed(true)
          setSearching(false)
        })
    }, DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [query])

  const pick = (hit: SearchHit) => {
    setOpen(false)
    onPick(hit)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      setOpen(true)
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((a) => (hits.length === 0 ? 0 : (a + step + hits.length) % hits.length))
    } else if (event.key === 'Enter' && hits[active]) {
      event.preventDefault()
      pick(hits[active])
    } else if (event.key === 'Escape') {
      // stays in the box: Escape here closes the list, not the selection
      event.stopPropagation()
      event.nativeEvent.stopImmediatePropagation()
      setOpen(false)
    }
  }
  const showList = open && query.trim() !== ''
  return (
    <div className="search-box" data-testid="search">
      <input
        type="search"
        aria-controls={listId}
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        data-testid="search-input"
      />
      {showList ? (
        <ul className="search-hits panel" id={listId} aria-label={t('search.results')}>
          {hits.map((hit, i) => (
            <li key={`${hit.kind}:${hit.key}`}>
              <button
                type="button"
                className={i === active ? 'search-hit active' : 'search-hit'}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(hit)}
                onMouseEnter={() => setActive(i)}
                data-testid="search-hit"
                data-kind={hit.kind}
              >
                <span className="search-kind">{t(`search.kind.${hit.kind}` as MessageKey)}</span>
                <span className="search-name">{hit.name}</span>
                <span className="search-context muted">
                  {hit.matched === 'code' && hit.code ? `${hit.code} · ` : ''}
                  {hit.context}
                </span>
              </button>
            </li>
          ))}
          {hits.length === 0 ? (
            <li className="muted search-empty" aria-live="polite">
              {searching ? t('search.searching') : failed ? t('search.failed') : t('search.none')}
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  )
}
