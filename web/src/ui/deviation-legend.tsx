import { useI18n } from '../i18n/i18n-provider'
import { deviationClasses, householdsAtDeviation, rgbaToCss } from '../map/deviation-colour'

/** The household band the legend explains: target ± tolerance, and its bounds in households. */
export interface LegendBand {
  targetHouseholds: number
  tolerance: number
  lowHouseholds: number
  highHouseholds: number
}

/** The grid colour scale in households, with the band (e.g. 240–360 户) explained. */
export function DeviationLegend({ band }: { band: LegendBand }) {
  const { t } = useI18n()
  const target = band.targetHouseholds
  const households = (d: number) => householdsAtDeviation(target, d)
  return (
    <section className="legend panel" aria-labelledby="legend-title" data-testid="legend">
      <h3 id="legend-title">{t('legend.title')}</h3>
      <div className="legend-subtitle">{t('legend.subtitle', { target })}</div>
      <ul className="legend-classes">
        {deviationClasses(band.tolerance)
          .slice()
          .reverse()
          .map((c) => {
            const label =
              c.min === null
                ? t('legend.below', { n: households(c.max ?? 0) })
                : c.max === null
                  ? t('legend.above', { n: households(c.min) })
                  : t('legend.range', { low: households(c.min), high: households(c.max) })
            return (
              <li key={c.index} className={c.inBand ? 'in-band' : undefined}>
                <span className="swatch" style={{ background: rgbaToCss(c.colour) }} aria-hidden="true" />
                <span>{label}</span>
                {c.inBand ? <span className="badge">{t('legend.inBand')}</span> : null}
              </li>
            )
          })}
      </ul>
      <p className="legend-band" data-testid="legend-band">
        {t('legend.band', {
          low: band.lowHouseholds,
          high: band.highHouseholds,
          target,
          percent: Math.round(band.tolerance * 100),
        })}
      </p>
    </section>
  )
}
