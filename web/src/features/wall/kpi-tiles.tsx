// The wall's KPI tiles: big numbers, a title that fits in two lines, a tone when a norm is missed,
// and the trend since the first daily snapshot (ADR 30). Every tile carries data-value (the raw
// figure) for tests and kiosks that scrape the wall.
import type { WallKpis } from '../../../../core/api'
import { trendOf } from '../../../../core/domain/indicator-snapshots'
import { bandInHouseholds, bandNorms, tolerancePercent } from '../../../../core/domain/settings'
import { useI18n } from '../../i18n/i18n-provider'

/** Which way is better for a tile's figure (null: neither, e.g. households). */
type Better = 'up' | 'down' | null

interface TileProps {
  id: string
  label: string
  value: string
  raw: number
  unit?: string
  detail?: string
  help?: string
  tone?: 'good' | 'bad' | 'neutral'
  trend?: { text: string; tone: 'good' | 'bad' | 'neutral'; arrow: string } | null
}

function Tile({ id, label, value, raw, unit, detail, help, tone = 'neutral', trend }: TileProps) {
  return (
    <div className={`wall-tile tone-${tone}`} data-testid={`kpi-${id}`} data-value={raw} title={help}>
      <div className="wall-tile-label">{label}</div>
      <div className="wall-tile-value">
        {value}
        {unit ? <span className="wall-tile-unit">{unit}</span> : null}
      </div>
      {detail ? <div className="wall-tile-detail">{detail}</div> : null}
      {trend ? (
        <div className={`wall-tile-trend trend-${trend.tone}`} data-testid={`trend-${id}`}>
          <span aria-hidden="true">{trend.arrow}</span> {trend.text}
        </div>
      ) : null}
    </div>
  )
}

/** Coverage below this share is shown in the alarm tone. */
const COVERAGE_WARN = 0.5

/** `today`: YYYY-MM-DD in Asia/Shanghai; a first snapshot of today has no trend to show yet. */
export function KpiTiles({ kpis, today }: { kpis: WallKpis; today: string }) {
  const { t, language, formatNumber } = useI18n()
  const band = bandNorms(kpis.householdBand)
  const [low, high] = bandInHouseholds(band)
  const pct = (share: number) => `${formatNumber(share * 100, 1)}%`
  const since = kpis.trend && kpis.trend.since < today ? kpis.trend.since : null
  const sinceText = since
    ? language === 'zh'
      ? `${Number(since.slice(5, 7))}月${Number(since.slice(8, 10))}日`
      : new Date(`${since}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })
    : ''
  const sign = (n: number, text: string) => (n > 0 ? `+${text}` : n < 0 ? `−${text.replace('-', '')}` : text)
  /** the tile's trend since the first snapshot, worded by the kind of figure */
  const trend = (id: string, now: number, kind: 'count' | 'share' | 'index', better: Better): TileProps['trend'] => {
    const tr = trendOf(now, kpis.trend?.figures[id])
    if (!tr || !since) return null
    if (tr.direction === 'flat') return { text: t('wall.trendFlat', { since: sinceText }), tone: 'neutral', arrow: '▬' }
    const d = Math.abs(tr.delta)
    const amount =
      kind === 'count'
        ? formatNumber(d)
        : kind === 'share'
          ? t('wall.trendPoints', { n: formatNumber(d * 100, 1) })
          : formatNumber(d, 3)
    const tone = better === null ? 'neutral' : tr.direction === better ? 'good' : 'bad'
    return {
      text: t('wall.trendSince', { since: sinceText, delta: sign(tr.delta, amount) }),
      tone,
      arrow: tr.direction === 'up' ? '▲' : '▼',
    }
  }
  return (
    <div className="wall-tiles">
      <Tile
        id="households"
        label={t('wall.households')}
        value={formatNumber(kpis.households)}
        raw={kpis.households}
        trend={trend('households', kpis.households, 'count', null)}
      />
      <Tile
        id="grids"
        label={t('wall.grids')}
        value={formatNumber(kpis.grids)}
        raw={kpis.grids}
        detail={t('wall.communities', { n: formatNumber(kpis.communities) })}
        trend={trend('grids', kpis.grids, 'count', null)}
      />
      <Tile
        id="in-band"
        label={t('wall.inBand')}
        value={pct(kpis.gridsInBandShare)}
        raw={kpis.gridsInBandShare}
        detail={t('wall.inBandDetail', {
          low: formatNumber(low),
          high: formatNumber(high),
          target: formatNumber(band.targetHouseholds),
          percent: tolerancePercent(band.tolerance),
          n: formatNumber(kpis.grids - kpis.gridsInBand),
        })}
        tone={kpis.gridsInBandShare >= 0.9 ? 'good' : 'bad'}
        trend={trend('in-band', kpis.gridsInBandShare, 'share', 'up')}
      />
      <Tile
        id="below-workers"
        label={t('wall.belowWorkers')}
        value={formatNumber(kpis.communitiesBelowWorkerNorm)}
        unit={t('wall.unitCommunities')}
        raw={kpis.communitiesBelowWorkerNorm}
        detail={t('wall.belowWorkersDetail', { norm: kpis.workerNormPer10k, n: formatNumber(kpis.communities) })}
        tone={kpis.communitiesBelowWorkerNorm === 0 ? 'good' : 'bad'}
        trend={trend('below-workers', kpis.communitiesBelowWorkerNorm, 'count', 'down')}
      />
      <Tile
        id="gap"
        label={t('wall.gapIndex')}
        value={formatNumber(kpis.gap.theilBetween, 3)}
        raw={kpis.gap.theilBetween}
        help={t('wall.gapHelp')}
        detail={t('wall.gapDetail', {
          urban: kpis.gap.urbanMean === null ? '–' : pct(kpis.gap.urbanMean),
          rural: kpis.gap.ruralMean === null ? '–' : pct(kpis.gap.ruralMean),
        })}
        trend={trend('gap', kpis.gap.theilBetween, 'index', 'down')}
      />
      {kpis.coverage.map((c) => (
        <Tile
          key={c.typeCode}
          id={`coverage-${c.typeCode}`}
          label={t('wall.coverage', { type: language === 'zh' ? c.nameZh : c.nameEn })}
          value={pct(c.share)}
          raw={c.coveredHouseholds}
          detail={t(
            c.kind === 'urban'
              ? 'wall.coveredUrban'
              : c.kind === 'rural'
                ? 'wall.coveredRural'
                : 'wall.coveredHouseholds',
            { n: formatNumber(c.coveredHouseholds) },
          )}
          tone={c.share < COVERAGE_WARN ? 'bad' : 'good'}
          trend={trend(`coverage-${c.typeCode}`, c.share, 'share', 'up')}
        />
      ))}
    </div>
  )
}
