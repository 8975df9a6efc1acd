// The selected facility in coverage mode: compliance badges, an edit form (type, name, status,
// areas, capacity, radius override), retire, and the drag hint. Saving sends the version read.
import { useEffect, useState } from 'react'
import {
  type FacilityCompliance,
  type FacilityPatch,
  type FacilityProps,
  type FacilityRevision,
  type FacilityType,
  tierLabel,
} from '../../../../core/api'
import { api } from '../../api/client'
import { useApiResource } from '../../api/use-api-resource'
import type { MessageKey } from '../../i18n/dictionaries'
import { useI18n } from '../../i18n/i18n-provider'
import { SidePanel } from '../../ui/side-panel'

export interface FacilityEditorProps {
  facility: FacilityProps
  types: FacilityType[]
  compliance: FacilityCompliance | null
  busy: boolean
  onSave: (patch: Omit<FacilityPatch, 'version' | 'author'>) => void
  onRetire: (reason: string) => void
  onClose: () => void
}

const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text))

export function FacilityEditor({ facility, types, compliance, busy, onSave, onRetire, onClose }: FacilityEditorProps) {
  const { t, language, formatNumber, formatDateTime } = useI18n()
  const [form, setForm] = useState(() => formOf(facility))
  const [reason, setReason] = useState('')
  // a new version (saved, moved, someone else's edit) resets the form
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on id and version on purpose
  useEffect(() => setForm(formOf(facility)), [facility.id, facility.version])
  // its history: who, when, why (refetched when the version changes; nothing shown on a failure)
  const revisions = useApiResource(
    (signal) => api.getJson<FacilityRevision[]>(`/api/facilities/${facility.id}/revisions`, { limit: 5 }, signal),
    [facility.id, facility.version],
  )
  const history = revisions.error ? [] : (revisions.data ?? [])
  const type = types.find((ft) => ft.code === form.typeCode)
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm({ ...form, [key]: e.target.value })
  const badge = (ok: boolean | null, label: string, testId: string) =>
    ok === null ? null : (
      <span className={`badge ${ok ? 'tone-good' : 'tone-bad'}`} data-testid={testId}>
        {ok ? '✓' : '✗'} {label}
      </span>
    )
  const save = () =>
    onSave({
      name: form.name,
      typeCode: form.typeCode,
      status: form.status as 'existing' | 'planned',
      floorAreaM2: numberOrNull(form.floorAreaM2),
      activityAreaM2: numberOrNull(form.activityAreaM2),
      capacity: numberOrNull(form.capacity),
      radiusM: numberOrNull(form.radiusM),
      reason,
    })
  return (
    <SidePanel
      kind={t('panel.facility')}
      title={facility.name}
      subtitle={t(`status.${facility.status}`)}
      onClose={onClose}
    >
      {compliance ? (
        <div className="cov-badges" data-testid="compliance">
          {badge(
            compliance.compliant,
            t(compliance.compliant ? 'cov.compliant' : 'cov.notCompliant'),
            'compliance-all',
          )}
          {badge(
            compliance.activityOk,
            t('cov.activityShare', {
              share: compliance.activityShare === null ? '—' : formatNumber(compliance.activityShare * 100, 0),
              min: compliance.activityRequired === null ? '—' : formatNumber(compliance.activityRequired * 100, 0),
            }),
            'compliance-activity',
          )}
          {badge(
            compliance.floorAreaOk,
            t('cov.floorNorm', { n: formatNumber(compliance.floorAreaRequiredM2 ?? 0, 0) }),
            'compliance-floor',
          )}
          {badge(
            compliance.radiusOk,
            t('cov.radiusRange', { low: compliance.radiusRangeM[0], high: compliance.radiusRangeM[1] }),
            'compliance-radius',
          )}
          <span className="muted">{t('cov.served', { n: formatNumber(compliance.servedHouseholds) })}</span>
        </div>
      ) : null}
      <form
        className="cov-form"
        onSubmit={(e) => {
          e.preventDefault()
          save()
        }}
      >
        <label>
          {t('cov.name')}
          <input value={form.name} onChange={set('name')} data-testid="facility-name" />
        </label>
        <label>
          {t('panel.type')}
          <select value={form.typeCode} onChange={set('typeCode')}>
            {types.map((ft) => (
              <option key={ft.code} value={ft.code}>
                {language === 'zh' ? ft.nameZh : ft.nameEn} ({tierLabel(ft.tier, t)})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('panel.status')}
          <select value={form.status} onChange={set('status')}>
            <option value="existing">{t('status.existing')}</option>
            <option value="planned">{t('status.planned')}</option>
          </select>
        </label>
        <label>
          {t('panel.floorArea')} (m²)
          <input type="number" min={0} value={form.floorAreaM2} onChange={set('floorAreaM2')} />
        </label>
        <label>
          {t('panel.activityArea')} (m²)
          <input type="number" min={0} value={form.activityAreaM2} onChange={set('activityAreaM2')} />
        </label>
        <label>
          {t('panel.capacity')}
          <input type="number" min={0} value={form.capacity} onChange={set('capacity')} />
        </label>
        <label>
          {t('panel.radius')} (m)
          <input
            type="number"
            value={form.radiusM}
            onChange={set('radiusM')}
            placeholder={t('cov.radiusDefault', { n: type?.defaultRadiusM ?? '' })}
            data-testid="facility-radius"
          />
        </label>
        <label>
          {t('cov.reason')}
          <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="facility-reason" />
        </label>
        <div className="form-buttons">
          <button type="submit" disabled={busy} data-testid="facility-save">
            {t('settings.save')}
          </button>
          <button type="button" disabled={busy} onClick={() => onRetire(reason)} data-testid="facility-retire">
            {t('cov.retire')}
          </button>
        </div>
      </form>
      <p className="muted">{t('cov.dragHint')}</p>
      {history.length > 0 ? (
        <>
          <h4>{t('cov.history')}</h4>
          <ol className="cov-history" data-testid="facility-history">
            {history.map((r) => (
              <li key={r.id}>
                {formatDateTime(r.createdAt)} · {r.author} · {t(`cov.action.${r.action}` as MessageKey)}
                {r.reason ? ` · ${r.reason}` : ''}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </SidePanel>
  )
}

function formOf(f: FacilityProps) {
  const text = (v: number | null) => (v === null ? '' : String(v))
  return {
    name: f.name,
    typeCode: f.typeCode,
    status: f.status,
    floorAreaM2: text(f.floorAreaM2),
    activityAreaM2: text(f.activityAreaM2),
    capacity: text(f.capacity),
    radiusM: f.radiusOverridden ? String(f.radiusM) : '',
  }
}
