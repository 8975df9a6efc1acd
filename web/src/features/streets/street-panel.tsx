import type { StreetProps } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'
import { FigureList } from '../../ui/figure-list'
import { SidePanel } from '../../ui/side-panel'

/** The selected street (街道), town (镇) or functional zone (功能区). */
export function StreetPanel({ street, onClose }: { street: StreetProps; onClose: () => void }) {
  const { t, formatNumber } = useI18n()
  return (
    <SidePanel kind={t(`streetKind.${street.kind}`)} title={street.name} onClose={onClose}>
      <FigureList
        figures={[
          {
            label: t('panel.households'),
            value: t('unit.households', { n: formatNumber(street.households) }),
            testId: 'panel-households',
          },
          {
            label: t('panel.residents'),
            value: t('unit.people', { n: formatNumber(street.residents) }),
            testId: 'panel-residents',
          },
          {
            label: t('panel.communityCount'),
            value: formatNumber(street.communityCount),
            testId: 'panel-community-count',
          },
          { label: t('panel.gridCount'), value: formatNumber(street.gridCount), testId: 'panel-grid-count' },
          { label: t('panel.code'), value: <code>{street.code}</code>, testId: 'panel-code' },
        ]}
      />
      <p className="panel-actions">
        <a href={`/sheets/grids?street=${street.code}`} target="_blank" rel="noopener" data-testid="grid-sheet-link">
          {t('sheet.open')}
        </a>
      </p>
    </SidePanel>
  )
}
