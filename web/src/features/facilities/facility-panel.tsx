import type { FacilityProps, FacilityType } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'
import { FigureList } from '../../ui/figure-list'
import { SidePanel } from '../../ui/side-panel'

export interface FacilityPanelProps {
  facility: FacilityProps
  type: FacilityType | null
  onClose: () => void
}

/** The selected facility: type, status, effective service radius, areas, capacity. */
export function FacilityPanel({ facility, type, onClose }: FacilityPanelProps) {
  const { t, language, formatNumber } = useI18n()
  const area = (m2: number | null) =>
    m2 === null ? t('panel.unknown') : t('unit.squareMeters', { n: formatNumber(m2) })
  return (
    <SidePanel kind={t('panel.facility')} title={facility.name} onClose={onClose}>
      <FigureList
        figures={[
          {
            label: t('panel.type'),
            value: type ? (language === 'zh' ? type.nameZh : type.nameEn) : facility.typeCode,
            testId: 'panel-type',
          },
          { label: t('panel.status'), value: t(`status.${facility.status}`), testId: 'panel-status' },
          {
            label: t('panel.radius'),
            value: t('unit.meters', { n: formatNumber(facility.radiusM) }),
            testId: 'panel-radius',
          },
          { label: t('panel.floorArea'), value: area(facility.floorAreaM2), testId: 'panel-floor-area' },
          { label: t('panel.activityArea'), value: area(facility.activityAreaM2), testId: 'panel-activity-area' },
          {
            label: t('panel.capacity'),
            value: facility.capacity === null ? t('panel.unknown') : formatNumber(facility.capacity),
            testId: 'panel-capacity',
          },
        ]}
      />
    </SidePanel>
  )
}
