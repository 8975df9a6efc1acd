// A community's scorecard (村（社区）星级管理): stars, score, and the criteria pulling it down.
import type { IndicatorInfo, Scorecard } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'
import { formatIndicator, indicatorLabel, type TypeNames } from './indicator-label'

export function ScorecardCard({
  card,
  catalogue,
  types,
  onClose,
}: {
  card: Scorecard
  catalogue: ReadonlyMap<string, IndicatorInfo>
  types: TypeNames
  onClose: () => void
}) {
  const { t, language, formatNumber } = useI18n()
  const stars = card.stars ?? 0
  const label = (code: string) => {
    const info = catalogue.get(code)
    return info ? indicatorLabel(info, types, language, t) : code
  }
  const fmt = (code: string, v: number) => formatIndicator(v, catalogue.get(code)?.unit ?? 'share', formatNumber)
  return (
    <section
      className="equity-section equity-scorecard"
      data-testid="equity-scorecard"
      data-code={card.code}
      data-stars={card.stars ?? ''}
    >
      <header>
        <h3>
          {card.name} <span className="muted">{t(card.kind === 'urban' ? 'equity.urban' : 'equity.rural')}</span>
        </h3>
        <button type="button" onClick={onClose} aria-label={t('error.dismiss')}>
          ×
        </button>
      </header>
      <div className="stars" role="img" aria-label={t('equity.stars', { n: stars })}>
        {'★'.repeat(stars)}
        <span className="stars-off">{'★'.repeat(5 - stars)}</span>
        <span className="muted">
          {' '}
          {card.score === null ? '–' : t('equity.score', { score: formatNumber(card.score * 100, 0) })}
        </span>
      </div>
      {card.pullingDown.length === 0 ? (
        <p className="muted">{t('equity.allMet')}</p>
      ) : (
        <>
          <h4>{t('equity.pullingDown')}</h4>
          <ul className="pulling-down">
            {card.pullingDown.map((s) => (
              <li key={s.indicator}>
                <span>{label(s.indicator)}</span>
                <span className="tone-bad">
                  {fmt(s.indicator, s.value)} / {fmt(s.indicator, s.threshold)}
                </span>
                <span className="muted">−{formatNumber(s.weightedLoss * 100, 1)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
