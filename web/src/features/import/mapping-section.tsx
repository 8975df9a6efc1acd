// Steps 2 and 3: the target layer, then which column holds which field (the server's guess to
// confirm or change), the coordinate columns of a table, and the personal columns that are dropped.
import type { ImportLayerId, SourceLayer } from '../../../../core/api'
import { importLayer } from '../../../../core/import/layers'
import { useI18n } from '../../i18n/i18n-provider'
import {
  needsCoordinateColumns,
  personalColumns,
  TARGETS,
  type WizardChoices,
  withCoordinates,
  withField,
} from './wizard-state'

export interface MappingSectionProps {
  layer: SourceLayer
  choices: WizardChoices
  onChange: (next: WizardChoices) => void
  onTarget: (target: ImportLayerId) => void
}

function HeaderSelect(props: {
  label?: string
  testId: string
  value: string | null
  headers: string[]
  onChange: (h: string | null) => void
}) {
  const { t } = useI18n()
  return (
    <select
      aria-label={props.label}
      data-testid={props.testId}
      value={props.value ?? ''}
      onChange={(e) => props.onChange(e.target.value || null)}
    >
      <option value="">{t('import.notMapped')}</option>
      {props.headers.map((h) => (
        <option key={h} value={h}>
          {h}
        </option>
      ))}
    </select>
  )
}

function CoordinateColumns({ layer, choices, onChange }: Omit<MappingSectionProps, 'onTarget'>) {
  const { t } = useI18n()
  const c = choices.mapping.coordinates
  const [x, y] = c?.kind === 'lnglat' ? [c.x, c.y] : [null, null]
  const set = (next: WizardChoices['mapping']['coordinates']) => onChange(withCoordinates(choices, next))
  return (
    <div className="import-coordinates" data-testid="import-coordinates">
      <div>{t('import.coordinates')}</div>
      <div className="import-field">
        <span>{t('import.coordX')}</span>
        <HeaderSelect
          label={t('import.coordX')}
          testId="import-coord-x"
          value={x}
          headers={layer.headers}
          onChange={(h) => set(h ? { kind: 'lnglat', x: h, y: y ?? '' } : null)}
        />
      </div>
      <div className="import-field">
        <span>{t('import.coordY')}</span>
        <HeaderSelect
          label={t('import.coordY')}
          testId="import-coord-y"
          value={y}
          headers={layer.headers}
          onChange={(h) => set(h ? { kind: 'lnglat', x: x ?? '', y: h } : null)}
        />
      </div>
      <div className="import-field">
        <span>{t('import.coordWkt')}</span>
        <HeaderSelect
          label={t('import.coordWkt')}
          testId="import-coord-wkt"
          value={c?.kind === 'wkt' ? c.column : null}
          headers={layer.headers}
          onChange={(h) => set(h ? { kind: 'wkt', column: h } : null)}
        />
      </div>
    </div>
  )
}

export function MappingSection({ layer, choices, onChange, onTarget }: MappingSectionProps) {
  const { t, language } = useI18n()
  const target = importLayer(choices.target)
  const personal = personalColumns(layer, choices.target)
  const name = (l: { nameZh: string; nameEn: string }) => (language === 'zh' ? l.nameZh : l.nameEn)
  return (
    <section className="import-section">
      <h3>{t('import.step.mapping')}</h3>
      <label className="import-field">
        <span>{t('import.target')}</span>
        <select
          data-testid="import-target"
          value={choices.target}
          onChange={(e) => onTarget(e.target.value as ImportLayerId)}
        >
          {TARGETS.map((id) => (
            <option key={id} value={id}>
              {name(importLayer(id))}
            </option>
          ))}
        </select>
      </label>
      <table className="import-mapping" data-testid="import-mapping">
        <thead>
          <tr>
            <th>{t('import.field')}</th>
            <th>{t('import.column')}</th>
          </tr>
        </thead>
        <tbody>
          {target.fields.map((f) => (
            <tr key={f.id} className={f.required && !choices.mapping.fields[f.id] ? 'tone-bad' : undefined}>
              <td>
                {name(f)}
                {f.required ? <span title={t('import.required')}> *</span> : null}
              </td>
              <td>
                <HeaderSelect
                  testId={`import-map-${f.id}`}
                  value={choices.mapping.fields[f.id] ?? null}
                  headers={layer.headers}
                  onChange={(h) => onChange(withField(choices, f.id, h))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {needsCoordinateColumns(layer, choices.target) ? (
        <CoordinateColumns layer={layer} choices={choices} onChange={onChange} />
      ) : null}
      {personal.length > 0 ? (
        <div className="import-personal" role="note" data-testid="import-personal">
          {t('import.personal', { columns: personal.join('、') })}
        </div>
      ) : null}
    </section>
  )
}
