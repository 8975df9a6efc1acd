import type { CommunityProps, GridProps } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'
import { FigureList } from '../../ui/figure-list'
import { SidePanel } from '../../ui/side-panel'

export interface GridPanelProps {
  grid: Omit<GridProps, 'validTo' | 'parentIds'>
  /** the grid's community, when loaded (for urban/rural and the street name) */
  community: CommunityProps | null
  onOpenCommunity: (code: string) => void
  onClose: () => void
}

/** The selected grid: households against the target, residents, units, urban or rural, code. */
export function GridPanel({ grid, community, onOpenCommunity, onClose }: GridPanelProps) {
  const { t, formatNumber, formatSignedPercent } = useI18n()
  const subtitle = [community?.streetName, grid.communityName].filter(Boolean).join(' · ')
  return (
    <SidePanel kind={t('panel.grid')} title={grid.name} subtitle={subtitle} onClose={onClose}>
      <FigureList
        figures={[
          {
            label: t('panel.households'),
            value: t('unit.households', { n: formatNumber(grid.households) }),
            testId: 'panel-households',
          },
          {
            label: t('panel.deviation'),
            value: formatSignedPercent(grid.deviation),
            testId: 'panel-deviation',
            tone: grid.inBand ? 'good' : 'bad',
          },
          {
            label: t('panel.inBand'),
            value: grid.inBand ? t('panel.yes') : t('panel.no'),
            testId: 'panel-in-band',
            tone: grid.inBand ? 'good' : 'bad',
          },
          {
            label: t('panel.target'),
            value: t('unit.households', { n: formatNumber(grid.targetHouseholds) }),
            testId: 'panel-target',
          },
          {
            label: t('panel.residents'),
            value: t('unit.people', { n: formatNumber(grid.residents) }),
            testId: 'panel-residents',
          },
          { label: t('panel.units'), value: formatNumber(grid.unitCount), testId: 'panel-units' },
          {
            label: t('panel.urbanRural'),
            value: community ? t(community.kind === 'urban' ? 'panel.urban' : 'panel.rural') : t('panel.unknown'),
            testId: 'panel-kind',
          },
          { label: t('panel.gridCode'), value: <code>{grid.code}</code>, testId: 'panel-code' },
          { label: t('panel.validFrom'), value: grid.validFrom, testId: 'panel-valid-from' },
        ]}
      />
      <button type="button" className="panel-action" onClick={() => onOpenCommunity(grid.communityCode)}>
        {t('panel.openCommunity')} · {grid.communityName}
      </button>
    </SidePanel>
  )
}
