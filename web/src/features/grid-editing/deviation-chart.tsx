// The community's grids against the household band: one bar per grid (its households, in its map
// colour), the band shaded and the target marked; a bar outside the band is outlined in red.
// Presentation only (SVG, no chart library for a dozen bars).

import { useI18n } from '../../i18n/i18n-provider'
import type { GridBand } from '../settings/grid-band'
import type { GridRow } from './editor-model'

const ROW = 14
const LABEL = 92
const WIDTH = 360

export function DeviationChart(props: {
  rows: GridRow[]
  band: GridBand
  colours: Map<number, [number, number, number]>
  label: (key: number) => string
}) {
  const { t, formatNumber } = useI18n()
  const { rows, band } = props
  if (rows.length === 0) return null
  const max = Math.max(band.highHouseholds * 1.25, ...rows.map((r) => r.households))
  const x = (h: number) => LABEL + ((WIDTH - LABEL - 8) * h) / max
  const height = rows.length * ROW + 16
  return (
    <figure className="edit-chart" data-testid="edit-deviation-chart">
      <figcaption className="muted">
        {t('edit.chartTitle', { low: band.lowHouseholds, high: band.highHouseholds })}
      </figcaption>
      <svg
        width="100%"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={t('edit.chartTitle', { low: band.lowHouseholds, high: band.highHouseholds })}
      >
        <rect
          x={x(band.lowHouseholds)}
          y={0}
          width={x(band.highHouseholds) - x(band.lowHouseholds)}
          height={height - 14}
          fill="rgba(26, 152, 80, 0.12)"
        />
        <line
          x1={x(band.targetHouseholds)}
          x2={x(band.targetHouseholds)}
          y1={0}
          y2={height - 14}
          stroke="currentColor"
          strokeDasharray="3 2"
          opacity={0.6}
        />
        {rows.map((r, i) => {
          const c = props.colours.get(r.key)
          return (
            <g key={r.key} data-testid={`chart-grid-${r.key}`} data-in-band={r.inBand}>
              <text x={LABEL - 4} y={i * ROW + 10} fontSize={10} textAnchor="end" fill="currentColor">
                {props.label(r.key)}
              </text>
              <rect
                x={LABEL}
                y={i * ROW + 2}
                width={Math.max(1, x(r.households) - LABEL)}
                height={ROW - 4}
                fill={c ? `rgb(${c[0]}, ${c[1]}, ${c[2]})` : '#ccc'}
                stroke={r.inBand ? 'none' : '#b2182b'}
                strokeWidth={r.inBand ? 0 : 2}
              >
                <title>{`${props.label(r.key)}：${formatNumber(r.households)}`}</title>
              </rect>
            </g>
          )
        })}
        {[band.lowHouseholds, band.targetHouseholds, band.highHouseholds].map((h) => (
          <text key={h} x={x(h)} y={height - 3} fontSize={9} textAnchor="middle" fill="currentColor">
            {h}
          </text>
        ))}
      </svg>
    </figure>
  )
}
