// Layer switches (native checkboxes: keyboard and screen-reader friendly) and, with facilities on,
// the facility-type filter, which doubles as the facility legend.
import type { FacilityType } from '../../../core/api'
import { useI18n } from '../i18n/i18n-provider'
import type { LayerToggles as Toggles } from '../map/layers/build-layers'

export interface LayerTogglesProps {
  toggles: Toggles
  onChange: (toggles: Toggles) => void
  facilityTypes: FacilityType[]
  /** type codes shown; null = all */
  visibleTypes: ReadonlySet<string> | null
  onVisibleTypesChange: (types: ReadonlySet<string> | null) => void
}

export function LayerToggles(props: LayerTogglesProps) {
  const { t, language } = useI18n()
  const { toggles } = props
  const set = (key: keyof Toggles) => (event: React.ChangeEvent<HTMLInputElement>) =>
    props.onChange({ ...toggles, [key]: event.target.checked })

  const row = (key: keyof Toggles, label: string, disabled = false) => (
    <label className={`toggle${disabled ? ' disabled' : ''}`} key={key}>
      <input
        type="checkbox"
        checked={toggles[key] && !disabled}
        disabled={disabled}
        onChange={set(key)}
        data-testid={`toggle-${key}`}
      />
      <span>{label}</span>
    </label>
  )

  const typeShown = (code: string) => props.visibleTypes === null || props.visibleTypes.has(code)
  const toggleType = (code: string, on: boolean) => {
    const all = props.facilityTypes.map((ft) => ft.code)
    const next = new Set(props.visibleTypes ?? all)
    if (on) next.add(code)
    else next.delete(code)
    props.onVisibleTypesChange(next.size === all.length ? null : next)
  }

  return (
    <section className="layer-toggles panel" aria-labelledby="layers-title">
      <h3 id="layers-title">{t('layers.title')}</h3>
      {row('streets', t('layers.streets'))}
      {row('communities', t('layers.communities'))}
      {row('grids', t('layers.grids'))}
      {row('labels', t('layers.labels'))}
      {row('facilities', t('layers.facilities'))}
      <div className="toggle-indent">{row('serviceRadius', t('layers.serviceRadius'), !toggles.facilities)}</div>
      {toggles.facilities && props.facilityTypes.length > 0 ? (
        <fieldset className="facility-types" aria-label={t('layers.facilityTypes')}>
          <legend>
            {t('layers.facilityTypes')}
            <button type="button" className="link-button" onClick={() => props.onVisibleTypesChange(null)}>
              {t('layers.allTypes')}
            </button>
            <button type="button" className="link-button" onClick={() => props.onVisibleTypesChange(new Set())}>
              {t('layers.noTypes')}
            </button>
          </legend>
          {props.facilityTypes.map((ft) => (
            <label className="toggle" key={ft.code}>
              <input
                type="checkbox"
                checked={typeShown(ft.code)}
                onChange={(e) => toggleType(ft.code, e.target.checked)}
                data-testid={`toggle-type-${ft.code}`}
              />
              <span className="swatch round" style={{ background: ft.colour }} aria-hidden="true" />
              <span>{language === 'zh' ? ft.nameZh : ft.nameEn}</span>
              <span className="muted">{t('unit.meters', { n: ft.defaultRadiusM })}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
    </section>
  )
}
