// The panel's SVG charts — urban vs rural box plots, the Lorenz curve, the Theil split — drawn
// from core/domain/equity/chart-geometry (the printable report uses the same geometry).
import type { BoxSummary, Comparison } from '../../../../core/api'
import { boxDomain, boxGeometry, linearScale, lorenzPath, niceTicks, theilSplit } from '../../../../core/domain/equity'

const URBAN = '#1c6dd0'
const RURAL = '#2f9e44'

export function BoxPlots({
  urban,
  rural,
  labels,
  format,
}: {
  urban: BoxSummary | null
  rural: BoxSummary | null
  labels: { urban: string; rural: string }
  format: (v: number) => string
}) {
  const width = 420
  // room for the longer row label: ~13 px per CJK character, ~6.6 px per Latin one at 12 px
  const labelWidth = (text: string) => [...text].reduce((w, c) => w + (c.charCodeAt(0) > 255 ? 13 : 6.6), 0)
  const left = Math.max(56, Math.ceil(Math.max(labelWidth(labels.urban), labelWidth(labels.rural))) + 12)
  const right = 14
  const rowHeight = 46
  const domain = boxDomain([urban, rural])
  const x = linearScale(domain, [left, width - right])
  const rows = [
    { key: 'urban', label: labels.urban, summary: urban, colour: URBAN },
    { key: 'rural', label: labels.rural, summary: rural, colour: RURAL },
  ]
  const height = rows.length * rowHeight + 28
  const ticks = niceTicks(domain[0], domain[1], 4)
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      className="equity-chart"
      role="img"
      aria-label={`${labels.urban} / ${labels.rural}`}
    >
      {ticks.map((v) => (
        <g key={v}>
          <line x1={x(v)} x2={x(v)} y1={4} y2={height - 22} className="grid-line" />
          <text x={x(v)} y={height - 8} textAnchor="middle" className="tick">
            {format(v)}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const y = 8 + i * rowHeight
        const mid = y + rowHeight / 2 - 6
        if (!r.summary)
          return (
            <text key={r.key} x={4} y={mid + 4} className="row-label">
              {r.label} –
            </text>
          )
        const g = boxGeometry(r.summary, x)
        return (
          <g key={r.key} data-testid={`box-${r.key}`}>
            <text x={4} y={mid + 4} className="row-label">
              {r.label}
            </text>
            <line x1={g.whiskerLow} x2={g.whiskerHigh} y1={mid} y2={mid} stroke={r.colour} strokeWidth={1.5} />
            <line x1={g.whiskerLow} x2={g.whiskerLow} y1={mid - 8} y2={mid + 8} stroke={r.colour} />
            <line x1={g.whiskerHigh} x2={g.whiskerHigh} y1={mid - 8} y2={mid + 8} stroke={r.colour} />
            <rect
              x={g.q1}
              y={mid - 13}
              width={Math.max(1, g.q3 - g.q1)}
              height={26}
              fill={r.colour}
              fillOpacity={0.25}
              stroke={r.colour}
            />
            <line x1={g.median} x2={g.median} y1={mid - 13} y2={mid + 13} stroke={r.colour} strokeWidth={3} />
            <circle cx={g.mean} cy={mid} r={3} fill="#fff" stroke={r.colour} />
          </g>
        )
      })}
    </svg>
  )
}

export function LorenzChart({ points, label }: { points: Comparison['lorenz']; label: string }) {
  const size = 200
  const pad = 24
  const inner = size - pad - 6
  return (
    <svg viewBox={`0 0 ${size} ${size}`} className="equity-chart lorenz" role="img" aria-label={label}>
      <g transform={`translate(${pad},6)`}>
        <rect x={0} y={0} width={inner} height={inner} className="frame" />
        <line x1={0} y1={inner} x2={inner} y2={0} className="equality" />
        <path d={`${lorenzPath(points, inner, inner)}L${inner},${inner}Z`} className="lorenz-area" />
        <path d={lorenzPath(points, inner, inner)} className="lorenz-line" />
        <text x={inner / 2} y={inner + 16} textAnchor="middle" className="tick">
          0 → 100%
        </text>
      </g>
    </svg>
  )
}

export function TheilBar({ between, within }: { between: number; within: number }) {
  const width = 420
  const split = theilSplit(between, within, width)
  return (
    <svg viewBox={`0 0 ${width} 18`} className="equity-chart theil" role="img" aria-label="Theil">
      <rect x={0} y={0} width={split.between} height={18} className="theil-between" />
      <rect x={split.between} y={0} width={split.within} height={18} className="theil-within" />
    </svg>
  )
}
