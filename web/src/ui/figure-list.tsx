// A definition list of figures; each value carries a stable data-testid for browser tests.
import type { ReactNode } from 'react'

export interface Figure {
  label: string
  value: ReactNode
  /** data-testid of the value, e.g. 'panel-households' */
  testId: string
  tone?: 'good' | 'bad'
}

export function FigureList({ figures }: { figures: Figure[] }) {
  return (
    <dl className="figure-list">
      {figures.map((f) => (
        <div key={f.testId} className="figure">
          <dt>{f.label}</dt>
          <dd data-testid={f.testId} className={f.tone ? `tone-${f.tone}` : undefined}>
            {f.value}
          </dd>
        </div>
      ))}
    </dl>
  )
}
