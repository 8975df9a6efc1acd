import type { CommunityProps } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'
import { FigureList } from '../../ui/figure-list'
import { SidePanel } from '../../ui/side-panel'
import { useNorms } from '../settings/use-norms'

/** The selected community (社区) or village (村). */
export function CommunityPanel({ community, onClose }: { community: CommunityProps; onClose: () => void }) {
  const { t, formatNumber } = useI18n()
  const { norms } = useNorms()
  return (
    <SidePanel kind={t('panel.community')} title={community.name} subtitle={community.streetName} onClose={onClose}>
      <FigureList
        figures={[
          {
            label: t('panel.households'),
            value: t('unit.households', { n: formatNumber(community.households) }),
            testId: 'panel-households',
          },
          {
            label: t('panel.residents'),
            value: t('unit.people', { n: formatNumber(community.residents) }),
            testId: 'panel-residents',
          },
          { label: t('panel.units'), value: formatNumber(community.unitCount), testId: 'panel-units' },
          { label: t('panel.gridCount'), value: formatNumber(community.gridCount), testId: 'panel-grid-count' },
          {
            label: t('panel.urbanRural'),
            value: t(community.kind === 'urban' ? 'panel.urban' : 'panel.rural'),
            testId: 'panel-kind',
          },
          { label: t('panel.workers'), value: formatNumber(community.workers), testId: 'panel-workers' },
          {
            label: t('panel.workersPer10k'),
            value: formatNumber(community.workersPer10k, 1),
            testId: 'panel-workers-per-10k',
            tone: community.workersPer10k >= norms.minWorkersPer10k ? 'good' : 'bad',
          },
          { label: t('panel.code'), value: <code>{community.code}</code>, testId: 'panel-code' },
        ]}
      />
      <p className="panel-actions">
        <a
          href={`/sheets/grids?community=${community.code}`}
          target="_blank"
          rel="noopener"
          data-testid="grid-sheet-link"
        >
          {t('sheet.open')}
        </a>
      </p>
    </SidePanel>
  )
}
