// The wall's alarm list: grids far out of the household band, one-window coverage gaps,
// communities under the staffing norm, worst first within each kind. Every alarm is numbered as
// its marker on the map; the list shows as many rows as the column holds and pages through the
// rest (8 s each, ?page=<seconds>), so every alarm is on the wall in turn.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { WallAlarm } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'
import { alarmPageMs, alarmPages, rowsPerPage } from './alarm-pages'

export function AlarmList({ alarms }: { alarms: WallAlarm[] }) {
  const { t, formatNumber, formatSignedPercent } = useI18n()
  const describe = (a: WallAlarm) => {
    if (a.kind === 'grid_far_out_of_band')
      return t('wall.alarm.grid', { name: a.name, community: a.communityName, deviation: formatSignedPercent(a.value) })
    if (a.kind === 'coverage_gap')
      return t('wall.alarm.gap', { community: a.communityName, share: `${formatNumber(a.value * 100, 0)}%` })
    return t('wall.alarm.workers', { community: a.communityName, n: formatNumber(a.value, 1) })
  }
  const listRef = useRef<HTMLUListElement>(null)
  const [perPage, setPerPage] = useState(alarms.length || 1)
  const [page, setPage] = useState(0)
  const periodMs = useMemo(() => alarmPageMs(globalThis.location?.search ?? ''), [])

  const hasAlarms = alarms.length > 0
  // rows per page from the list's height and a row's (the first row is always rendered)
  // biome-ignore lint/correctness/useExhaustiveDependencies: measure again once the first row exists
  useLayoutEffect(() => {
    const list = listRef.current
    if (!list) return
    const measure = () => {
      const row = list.querySelector('li')
      if (!row) return
      const style = getComputedStyle(row)
      const rowHeight = row.getBoundingClientRect().height + Number.parseFloat(style.marginBottom || '0')
      setPerPage(rowsPerPage(list.clientHeight, rowHeight))
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(list)
    return () => observer.disconnect()
  }, [hasAlarms])

  const pages = alarmPages(alarms.length, perPage)
  const current = Math.min(page, pages.length - 1)
  useEffect(() => {
    if (pages.length < 2) return
    const id = setInterval(() => setPage((p) => (p + 1) % pages.length), periodMs)
    return () => clearInterval(id)
  }, [pages.length, periodMs])

  const [start, end] = pages[current]
  return (
    <section
      className="wall-alarms"
      data-testid="wall-alarms"
      data-count={alarms.length}
      data-page={current + 1}
      data-pages={pages.length}
    >
      <h2>
        {t('wall.alarms', { n: formatNumber(alarms.length) })}
        {pages.length > 1 ? (
          <span className="wall-page" data-testid="wall-alarm-page">
            {t('wall.page', { page: current + 1, pages: pages.length })}
          </span>
        ) : null}
      </h2>
      {alarms.length === 0 ? <p className="wall-muted">{t('wall.noAlarms')}</p> : null}
      <ul ref={listRef}>
        {alarms.slice(start, end).map((a, k) => (
          <li key={`${a.kind}:${a.id}`} className={`wall-alarm alarm-${a.kind}`} data-alarm-index={start + k}>
            <span className="wall-alarm-no">{start + k + 1}</span>
            {describe(a)}
          </li>
        ))}
      </ul>
    </section>
  )
}
