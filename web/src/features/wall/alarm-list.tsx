// The wall's alarm list: grids far out of the household band, one-window coverage gaps,
// communities under the staffing norm. Worst first within each kind.
import type { WallAlarm } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'

const MAX_SHOWN = 9

export function AlarmList({ alarms }: { alarms: WallAlarm[] }) {
  const { t, formatNumber, formatSignedPercent } = useI18n()
  const describe = (a: WallAlarm) => {
    if (a.kind === 'grid_far_out_of_band')
      return t('wall.alarm.grid', { name: a.name, community: a.communityName, deviation: formatSignedPercent(a.value) })
    if (a.kind === 'coverage_gap')
      return t('wall.alarm.gap', { community: a.communityName, share: `${formatNumber(a.value * 100, 0)}%` })
    return t('wall.alarm.workers', { community: a.communityName, n: formatNumber(a.value, 1) })
  }
  // interleave kinds so each shows
  const byKind = new Map<string, WallAlarm[]>()
  for (const a of alarms) byKind.set(a.kind, [...(byKind.get(a.kind) ?? []), a])
  const shown: WallAlarm[] = []
  for (let i = 0; shown.length < MAX_SHOWN && i < MAX_SHOWN; i++)
    for (const list of byKind.values()) if (list[i] && shown.length < MAX_SHOWN) shown.push(list[i])
  return (
    <section className="wall-alarms" data-testid="wall-alarms" data-count={alarms.length}>
      <h2>{t('wall.alarms', { n: formatNumber(alarms.length) })}</h2>
      {shown.length === 0 ? <p className="wall-muted">{t('wall.noAlarms')}</p> : null}
      <ul>
        {shown.map((a) => (
          <li key={`${a.kind}:${a.id}`} className={`wall-alarm alarm-${a.kind}`}>
            {describe(a)}
          </li>
        ))}
      </ul>
    </section>
  )
}
