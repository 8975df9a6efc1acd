// The lower sections of the edit panel: proposals, grids as of a date, and the history of saved
// edits (optionally only those touching the active grid). Presentation and their own inputs only.
import { useState } from 'react'
import type { GridPage, Proposal, Revision } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'
import { AsOfView, HistoryList } from './history-list'
import { ProposalView, type ProposalViewProps } from './proposal-view'

export function ProposalSection(
  props: Omit<ProposalViewProps, 'proposal'> & {
    proposal: Proposal | null
    onPropose: (mode: 'propose' | 'rebalance', street?: boolean) => void
  },
) {
  const { t } = useI18n()
  const { busy } = props
  return (
    <section className="edit-section">
      <h3>{t('edit.proposals')}</h3>
      <div className="edit-tools">
        <button type="button" data-testid="edit-propose" disabled={busy} onClick={() => props.onPropose('propose')}>
          {t('edit.propose')}
        </button>
        <button type="button" data-testid="edit-rebalance" disabled={busy} onClick={() => props.onPropose('rebalance')}>
          {t('edit.rebalance')}
        </button>
        <button
          type="button"
          data-testid="edit-propose-street"
          disabled={busy}
          onClick={() => props.onPropose('propose', true)}
        >
          {t('edit.proposeStreet')}
        </button>
      </div>
      {props.proposal ? <ProposalView {...props} proposal={props.proposal} /> : null}
    </section>
  )
}

export function AsOfSection(props: { asOf: string; onAsOf: (date: string) => void; page: GridPage | null }) {
  const { t } = useI18n()
  return (
    <section className="edit-section">
      <h3>{t('edit.asOf')}</h3>
      <div className="edit-tools">
        <input
          type="date"
          data-testid="edit-as-of-date"
          value={props.asOf}
          onChange={(e) => props.onAsOf(e.target.value)}
        />
        <button type="button" disabled={!props.asOf} onClick={() => props.onAsOf('')}>
          {t('edit.asOfClear')}
        </button>
      </div>
      <AsOfView date={props.asOf} page={props.page} />
    </section>
  )
}

export function HistorySection(props: {
  history: Revision[]
  active: number | null
  busy: boolean
  onRevert: (id: number) => void
}) {
  const { t } = useI18n()
  const [onlyActive, setOnlyActive] = useState(false)
  const { active, history } = props
  return (
    <section className="edit-section">
      <h3>{t('edit.history')}</h3>
      <label className="edit-field">
        <input
          type="checkbox"
          data-testid="edit-history-active"
          checked={onlyActive}
          disabled={active === null}
          onChange={(e) => setOnlyActive(e.target.checked)}
        />
        {t('edit.historyOnlyActive')}
      </label>
      <HistoryList
        revisions={
          onlyActive && active !== null ? history.filter((r) => r.grids.some((g) => g.gridId === active)) : history
        }
        busy={props.busy}
        onRevert={props.onRevert}
      />
    </section>
  )
}
