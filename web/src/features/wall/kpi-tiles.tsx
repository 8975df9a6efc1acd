// The wall's KPI tiles: big numbers, one short label each, a tone when a norm is missed.
// Every tile carries data-value (the raw figure) for tests and kiosks that scrape the wall.
import type { WallKpis } from '../../../../core/api'
import { bandInHouseholds, bandNorms, tolerancePercent } from '../../../../core/domain/settings'
import { useI18n } from '../../i18n/i18n-provider'

interface TileProps {
  id: string
  label: string
  value: string
  raw: number
  detail?: string
  tone?: 'good' | 'bad' | 'neutral'
}

function Tile({ id, label, value, raw, detail, tone = 'neutral' }: TileProps) {
  return (
    <div className={`wall-tile tone-${tone}`} data-testid={`kpi-${id}`} data-value={raw}>
      <div className="wall-tile-label">{label}</div>
      <div className="wall-tile-value">{value}</div>
      {detail ? <div className="wall-tile-detail">{detail}</div> : null}
    </div>
  )
}

/** Coverage below this share is shown in the alarm tone. */
const COVERAGE_WARN = 0.5

export function KpiTiles({ kpis }: { kpis: WallKpis }) {
  const { t, language, formatNumber } = useI18n()
  const band = bandNorms(kpis.householdBand)
  const [low, high] = bandInHouseholds(band)
  const pct = (share: number) => `${formatNumber(share * 100, 1)}%`
  return (
    <div className="wall-tiles">
      <Tile id="households" label={t('wall.households')} value={formatNumber(kpis.households)} raw={kpis.households} />
      <Tile
        id="grids"
        label={t('wall.grids')}
        value={formatNumber(kpis.grids)}
        raw={kpis.grids}
        detail={t('wall.communities', { n: formatNumber(kpis.communities) })}
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
      />
      <Tile
        id="below-workers"
        label={t('wall.belowWorkers', { norm: kpis.workerNormPer10k })}
        value={formatNumber(kpis.communitiesBelowWorkerNorm)}
        raw={kpis.communitiesBelowWorkerNorm}
        detail={t('wall.belowWorkersDetail', { n: formatNumber(kpis.communities) })}
        tone={kpis.communitiesBelowWorkerNorm === 0 ? 'good' : 'bad'}
      />
      <Tile
        id="gap"
        label={t('wall.gapIndex')}
        value={formatNumber(kpis.gap.theilBetween, 3)}
        raw={kpis.gap.theilBetween}
        detail={t('wall.gapDetail', {
          urban: kpis.gap.urbanMean === null ? '–' : pct(kpis.gap.urbanMean),
          rural: kpis.gap.ruralMean === null ? '–' : pct(kpis.gap.ruralMean),
        })}
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
        />
      ))}
    </div>
  )
}
