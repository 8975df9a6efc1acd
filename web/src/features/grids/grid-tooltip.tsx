import type { GridProps } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'

/** Hover content for a grid: name, community, households and deviation. */
export function GridTooltip({ grid }: { grid: Omit<GridProps, 'validTo' | 'parentIds'> }) {
  const { t, formatNumber, formatSignedPercent } = useI18n()
  return (
    <>
      <div className="tooltip-title">{grid.name}</div>
      <div className="muted">{grid.communityName}</div>
      <div>
        {t('tooltip.households')}: {formatNumber(grid.households)}{' '}
        <span className={grid.inBand ? 'tone-good' : 'tone-bad'}>({formatSignedPercent(grid.deviation)})</span>
      </div>
    </>
  )
}
