// The equalization panel's controls: the indicator (grouped by measure), the street filter and
// the scenario (as is / with the planned facilities).
import type { EquityScenario, FacilityType, Feature, IndicatorInfo, StreetProps } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'
import { indicatorLabel } from './indicator-label'

export interface EquityControlsProps {
  indicator: string
  setIndicator: (code: string) => void
  /** the indicators, grouped by measure */
  groups: [string, IndicatorInfo[]][]
  typeNames: ReadonlyMap<string, FacilityType>
  streets: Feature<StreetProps, GeoJSON.MultiPolygon>[]
  street: string | null
  /** a new street (null = all); the page also forgets the selected community */
  setStreet: (code: string | null) => void
  scenario: EquityScenario
  setScenario: (scenario: EquityScenario) => void
}

export function EquityControls(props: EquityControlsProps) {
  const { indicator, setIndicator, groups, typeNames, streets, street, setStreet, scenario, setScenario } = props
  const { t, language } = useI18n()
  return (
    <section className="equity-section equity-controls">
      <label>
        {t('equity.indicator')}
        <select data-testid="equity-indicator" value={indicator} onChange={(e) => setIndicator(e.target.value)}>
          {groups.map(([measure, list]) => (
            <optgroup key={measure} label={indicatorLabel({ ...list[0], subject: null }, typeNames, language, t)}>
              {list.map((i) => (
                <option key={i.code} value={i.code}>
                  {indicatorLabel(i, typeNames, language, t)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label>
        {t('equity.street')}
        <select data-testid="equity-street" value={street ?? ''} onChange={(e) => setStreet(e.target.value || null)}>
          <option value="">{t('equity.allStreets')}</option>
          {streets.map((s) => (
            <option key={s.properties.code} value={s.properties.code}>
              {s.properties.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="scenario-switch" aria-label={t('equity.scenario')}>
        {(['as-is', 'with-planned'] as const).map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={scenario === s}
            className={scenario === s ? 'active' : ''}
            data-testid={`equity-scenario-${s}`}
            onClick={() => setScenario(s)}
          >
            {t(s === 'as-is' ? 'equity.asIs' : 'equity.withPlanned')}
          </button>
        ))}
      </fieldset>
    </section>
  )
}
