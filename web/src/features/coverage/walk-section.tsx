// The coverage panel's walking-distance part: the distance method (步行距离 / 直线距离), what it
// measures, and the barrier effect — households inside the radius but beyond walking distance —
// worst communities first, with fly-to.
import type { BarrierEffect, DistanceMethod, FacilityType, Isochrones } from '../../../../core/api'
import { tierLabel } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'

export interface WalkSectionProps {
  /** the method the figures were answered with (the server's default when none was chosen) */
  method: DistanceMethod
  setMethod: (method: DistanceMethod) => void
  type: FacilityType | undefined
  barrier: BarrierEffect | null
  isochrones: Isochrones | null
  flyTo: (bbox: [number, number, number, number]) => void
}

export function WalkSection({ method, setMethod, type, barrier, isochrones, flyTo }: WalkSectionProps) {
  const { t, formatNumber } = useI18n()
  return (
    <>
      <fieldset className="cov-switch" aria-label={t('walk.method')}>
        {(['walk', 'radius'] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={method === m}
            onClick={() => setMethod(m)}
            data-testid={`method-${m}`}
          >
            {t(m === 'walk' ? 'walk.methodWalk' : 'walk.methodRadius')}
          </button>
        ))}
      </fieldset>
      {type ? (
        <p className="muted cov-note" data-testid="method-note">
          {t(method === 'walk' ? 'walk.noteWalk' : 'walk.noteRadius', {
            tier: tierLabel(type.tier, t),
            radius: type.defaultRadiusM,
          })}
        </p>
      ) : null}
      {isochrones ? (
        <p className="muted" data-testid="isochrone-note">
          {t('walk.isochrones', {
            bands: isochrones.features
              .map((f) => t('walk.band', { minutes: f.properties.minutes, meters: f.properties.meters }))
              .reverse()
              .join(t('walk.sep')),
          })}
        </p>
      ) : null}
      {method === 'walk' && barrier ? (
        <div className="cov-barrier" data-testid="barrier">
          <h4>{t('walk.barrierTitle')}</h4>
          <p className="muted">
            {t('walk.barrierTotal', {
              n: formatNumber(barrier.totals.barrierHouseholds),
              buildings: formatNumber(barrier.totals.barrierBuildings),
            })}
          </p>
          <ol className="cov-worst">
            {barrier.rows.map((r) => (
              <li key={r.key} data-testid="barrier-row">
                <button type="button" className="link" onClick={() => flyTo(r.bbox)}>
                  {r.name}
                </button>{' '}
                <span className="tone-bad">{t('unit.households', { n: formatNumber(r.barrierHouseholds) })}</span>
              </li>
            ))}
          </ol>
          <p className="muted">
            <span className="swatch round" style={{ background: '#e67800' }} /> {t('walk.barrierLegend')}
          </p>
        </div>
      ) : null}
    </>
  )
}
