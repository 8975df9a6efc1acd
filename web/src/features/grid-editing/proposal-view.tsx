// A proposal beside the current grids: plan figures (current, proposal, greedy sweep), a toggle
// between the current grids and the proposal on the map, and ONE table of the shown plan's grids
// in this community with the very colours the map uses (the legend cannot lie), per-grid figures
// (households, deviation, compactness beside the grid it comes from), the communities of a
// street-wide proposal to page through, and accept / reject. Presentation only.
import type { Proposal, ProposedGrid } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'

export type ShownPlan = 'current' | 'proposed'
type Colours = Map<number, [number, number, number]>

export interface ProposalViewProps {
  proposal: Proposal
  busy: boolean
  /** the community on the map */
  communityCode: string
  shown: ShownPlan
  onShown: (shown: ShownPlan) => void
  /** the colours on the map: current grids by id, proposed grids by key */
  colours: Record<ShownPlan, Colours>
  /** name of a current grid */
  label: (key: number) => string
  /** accept every community's edit, or only this community's */
  onAccept: (communityCode?: string) => void
  onReject: () => void
  /** show another community of the proposal */
  onNavigate: (communityCode: string) => void
}

const rgb = (c: [number, number, number] | undefined) => (c ? `rgb(${c[0]}, ${c[1]}, ${c[2]})` : '#ccc')

export function ProposalView(props: ProposalViewProps) {
  const { t, formatNumber } = useI18n()
  const p = props.proposal
  const pct = (x: number) => `${formatNumber(x * 100, 1)}%`
  const columns = [
    { key: 'current', title: t('edit.current'), f: p.current },
    { key: 'proposed', title: t('edit.proposed'), f: p.proposed },
    { key: 'baseline', title: t('edit.baseline'), f: p.baseline },
  ]
  const rows: [string, (f: Proposal['current']) => string | number][] = [
    [t('edit.fig.grids'), (f) => f.grids],
    [t('edit.fig.inBand'), (f) => pct(f.shareInBand)],
    [t('edit.fig.meanDev'), (f) => pct(f.meanAbsDeviation)],
    [t('edit.fig.compactness'), (f) => formatNumber(f.meanPolsbyPopper, 3)],
    [t('edit.fig.minCompactness'), (f) => formatNumber(f.minPolsbyPopper, 3)],
    [t('edit.fig.moved'), (f) => f.unitsMoved ?? '—'],
  ]
  const edit = p.edits.find((e) => e.communityCode === props.communityCode)
  const below = p.proposedGrids.filter((g) => g.belowCurrentShape)
  return (
    <div className="edit-proposal" data-testid="edit-proposal">
      <table className="edit-table">
        <thead>
          <tr>
            <th />
            {columns.map((c) => (
              <th key={c.key}>{c.title}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([title, value], i) => (
            <tr key={title}>
              <td>{title}</td>
              {columns.map((c) => (
                <td key={c.key} data-testid={i === 1 ? `proposal-in-band-${c.key}` : undefined}>
                  {value(c.f)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className={below.length ? 'tone-bad' : 'muted'} data-testid="proposal-shape">
        {below.length ? t('edit.shapeBelow', { n: below.length }) : t('edit.shapeKept')}
      </p>
      {p.communities.length > 1 ? <CommunityPager {...props} /> : null}
      <fieldset className="edit-toggle" data-testid="proposal-toggle">
        <legend className="muted">{t('edit.showOnMap')}</legend>
        {(['current', 'proposed'] as const).map((s) => (
          <label key={s}>
            <input
              type="radio"
              name="proposal-shown"
              data-testid={`proposal-show-${s}`}
              checked={props.shown === s}
              onChange={() => props.onShown(s)}
            />
            {s === 'current' ? t('edit.current') : t('edit.proposed')}
          </label>
        ))}
      </fieldset>
      <ShownGrids {...props} />
      <div className="header-row">
        <button
          type="button"
          data-testid="proposal-accept"
          onClick={() => props.onAccept()}
          disabled={props.busy || p.edits.length === 0}
        >
          {p.edits.length > 1 ? t('edit.acceptAll', { n: p.edits.length }) : t('edit.accept')}
        </button>
        {p.edits.length > 1 ? (
          <button
            type="button"
            data-testid="proposal-accept-community"
            onClick={() => props.onAccept(props.communityCode)}
            disabled={props.busy || !edit}
          >
            {t('edit.acceptCommunity')}
          </button>
        ) : null}
        <button type="button" data-testid="proposal-reject" onClick={props.onReject} disabled={props.busy}>
          {t('edit.reject')}
        </button>
      </div>
      {p.edits.length === 0 ? <p className="muted">{t('edit.proposalNoChange')}</p> : null}
    </div>
  )
}

/** The shown plan's grids in this community, each with the colour the map gives it. */
function ShownGrids(props: ProposalViewProps) {
  const { t, formatNumber, formatSignedPercent } = useI18n()
  const p = props.proposal
  const currentIds = new Set(p.currentGrids.map((g) => g.key))
  const grids = (props.shown === 'current' ? p.currentGrids : p.proposedGrids).filter(
    (g) => g.communityCode === props.communityCode,
  )
  const colours = props.colours[props.shown]
  let fresh = 0
  const name = (g: ProposedGrid) =>
    props.shown === 'current' || currentIds.has(g.key) ? props.label(g.key) : t('edit.newGridN', { n: ++fresh })
  return (
    <table className="edit-table" data-testid="proposal-grids" data-shown={props.shown}>
      <thead>
        <tr>
          <th>{t('edit.col.grid')}</th>
          <th>{t('edit.col.households')}</th>
          <th>{t('edit.col.deviation')}</th>
          <th title={t('edit.compactnessHelp')}>{t('edit.col.compactness')}</th>
        </tr>
      </thead>
      <tbody>
        {grids.map((g) => (
          <tr key={g.key} data-testid={`proposal-grid-${g.key}`}>
            <td>
              <span className="swatch" data-testid="swatch" style={{ background: rgb(colours.get(g.key)) }} />
              {name(g)}
            </td>
            <td>{formatNumber(g.households)}</td>
            <td className={g.inBand ? 'tone-good' : 'tone-bad'}>{formatSignedPercent(g.deviation)}</td>
            <td className={g.belowCurrentShape ? 'tone-bad' : undefined}>
              {formatNumber(g.polsbyPopper, 2)}
              {props.shown === 'proposed' && g.currentPolsbyPopper != null ? (
                <span className="muted">
                  {' '}
                  {t('edit.wasCompactness', { pp: formatNumber(g.currentPolsbyPopper, 2) })}
                </span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Previous / next community of a street-wide proposal, with each community's in-band count. */
function CommunityPager(props: ProposalViewProps) {
  const { t } = useI18n()
  const list = props.proposal.communities
  const at = Math.max(
    0,
    list.findIndex((c) => c.code === props.communityCode),
  )
  const inBand = (grids: ProposedGrid[], code: string) => {
    const own = grids.filter((g) => g.communityCode === code)
    return `${own.filter((g) => g.inBand).length}/${own.length}`
  }
  const changes = new Set(props.proposal.edits.map((e) => e.communityCode))
  return (
    <div className="edit-tools" data-testid="proposal-pager">
      <button type="button" disabled={at === 0} onClick={() => props.onNavigate(list[at - 1].code)}>
        ‹ {t('edit.prevCommunity')}
      </button>
      <select
        data-testid="proposal-community"
        value={list[at].code}
        onChange={(e) => props.onNavigate(e.target.value)}
        aria-label={t('edit.proposalCommunity')}
      >
        {list.map((c, i) => (
          <option key={c.code} value={c.code}>
            {i + 1}/{list.length} {c.name} · {inBand(props.proposal.currentGrids, c.code)} →{' '}
            {inBand(props.proposal.proposedGrids, c.code)}
            {changes.has(c.code) ? '' : ` · ${t('edit.unchanged')}`}
          </option>
        ))}
      </select>
      <button type="button" disabled={at >= list.length - 1} onClick={() => props.onNavigate(list[at + 1].code)}>
        {t('edit.nextCommunity')} ›
      </button>
    </div>
  )
}
