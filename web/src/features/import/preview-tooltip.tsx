// What one preview row is and what the commit would do to it, next to the pointer (hover) or
// pinned (click): a rejected row says why it was refused, a removed one that the file no longer
// lists it.
import type { PickingInfo } from '@deck.gl/core'
import type { ImportPreviewProperties } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'
import { LAYER_IDS } from '../../map/layers/layer-ids'
import { MapTooltip } from '../../ui/map-tooltip'
import { problemLabel } from './problem-label'

export interface PreviewPick {
  x: number
  y: number
  row: ImportPreviewProperties
}

/** The preview row under the pointer, or null. */
export function previewPickOf(info: PickingInfo): PreviewPick | null {
  if (info.layer?.id !== LAYER_IDS.importPreview || !info.object) return null
  const row = (info.object as GeoJSON.Feature).properties as ImportPreviewProperties
  return { x: info.x, y: info.y, row }
}

export function PreviewTooltip({ pick }: { pick: PreviewPick }) {
  const { t, formatNumber } = useI18n()
  const { row } = pick
  return (
    <MapTooltip x={pick.x} y={pick.y}>
      <div className="tooltip-title" data-testid="import-preview-row">
        {row.name ?? row.code ?? '—'}
      </div>
      <div className="muted">
        {row.row > 0 ? `${t('import.problem.row')} ${formatNumber(row.row)} · ` : ''}
        {row.code ?? ''}
      </div>
      <div data-testid="import-preview-status">{t(`import.status.${row.status}`)}</div>
      {row.households !== null ? (
        <div>
          {t('panel.households')}：{formatNumber(row.households)}
        </div>
      ) : null}
      {row.problem ? (
        <div className={row.status === 'rejected' ? 'tone-bad' : undefined} data-testid="import-preview-reason">
          {problemLabel(row.problem, t)}
          {row.reason ? <div className="muted">{row.reason}</div> : null}
        </div>
      ) : null}
    </MapTooltip>
  )
}
