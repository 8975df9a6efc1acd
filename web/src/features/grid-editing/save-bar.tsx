// Undo / redo, the reason, save and discard, and the message line. Saving with grids outside the
// band asks first: the planner confirms and must give a reason. Presentation only.
import { useEffect, useState } from 'react'
import { useI18n } from '../../i18n/i18n-provider'
import type { Message } from './use-edit-operations'

export interface SaveBarProps {
  canUndo: boolean
  canRedo: boolean
  /** operations applied and not yet saved */
  steps: number
  busy: boolean
  reason: string
  onReason: (reason: string) => void
  message: Message | null
  onUndo: () => void
  onRedo: () => void
  onSave: () => void
  onDiscard: () => void
  /** grid codes saving would end and start */
  codes: { retired: string[]; created: string[] } | null
  /** grids outside the household band after the edit (saving them asks for confirmation) */
  outOfBand: number
  /** the band, for the confirmation's wording */
  band: { low: number; high: number }
}

export function SaveBar(props: SaveBarProps) {
  const { t } = useI18n()
  const { steps, busy, message } = props
  const [confirming, setConfirming] = useState(false)
  // a new step or a save ends the question
  // biome-ignore lint/correctness/useExhaustiveDependencies: `steps` marks a change of the edit
  useEffect(() => setConfirming(false), [steps])
  const save = () => (props.outOfBand > 0 && !confirming ? setConfirming(true) : props.onSave())
  return (
    <>
      <div className="edit-tools">
        <button type="button" data-testid="edit-undo" disabled={!props.canUndo} onClick={props.onUndo}>
          {t('edit.undo')}
        </button>
        <button type="button" data-testid="edit-redo" disabled={!props.canRedo} onClick={props.onRedo}>
          {t('edit.redo')}
        </button>
        <span className="muted" data-testid="edit-steps">
          {t('edit.steps', { n: steps })}
        </span>
      </div>
      <label className="edit-field">
        {t('edit.reason')}
        <input
          data-testid="edit-reason"
          value={props.reason}
          maxLength={500}
          placeholder={t('edit.reasonPlaceholder')}
          onChange={(e) => props.onReason(e.target.value)}
        />
      </label>
      {props.codes && props.codes.retired.length + props.codes.created.length > 0 ? (
        <div className="edit-codes" data-testid="edit-codes">
          {props.codes.retired.length > 0 ? (
            <div data-testid="edit-codes-retired">
              {t('edit.codesRetired', { codes: props.codes.retired.join('、') })}
            </div>
          ) : null}
          {props.codes.created.length > 0 ? (
            <div data-testid="edit-codes-created">
              {t('edit.codesCreated', { codes: props.codes.created.join('、') })}
            </div>
          ) : null}
        </div>
      ) : null}
      <div className="edit-tools">
        <button type="button" data-testid="edit-save" disabled={busy || steps === 0 || confirming} onClick={save}>
          {busy ? t('edit.saving') : t('edit.save')}
        </button>
        <button type="button" data-testid="edit-discard" disabled={busy || steps === 0} onClick={props.onDiscard}>
          {t('edit.discard')}
        </button>
      </div>
      {confirming ? (
        <div className="edit-confirm" role="alertdialog" data-testid="edit-confirm-out-of-band">
          <p className="tone-bad">
            {t('edit.confirmOutOfBand', { n: props.outOfBand, low: props.band.low, high: props.band.high })}
          </p>
          <label className="edit-field">
            {t('edit.reason')}
            <input
              data-testid="edit-confirm-reason"
              value={props.reason}
              maxLength={500}
              placeholder={t('edit.confirmReasonPlaceholder')}
              onChange={(e) => props.onReason(e.target.value)}
              // biome-ignore lint/a11y/noAutofocus: the question needs an answer typed here
              autoFocus
            />
          </label>
          <div className="edit-tools">
            <button
              type="button"
              data-testid="edit-confirm-save"
              disabled={busy || props.reason.trim() === ''}
              onClick={() => {
                setConfirming(false)
                props.onSave()
              }}
            >
              {t('edit.confirmSave')}
            </button>
            <button type="button" data-testid="edit-confirm-cancel" onClick={() => setConfirming(false)}>
              {t('edit.confirmCancel')}
            </button>
          </div>
        </div>
      ) : null}
      {message ? (
        <div className={`tone-${message.tone}`} data-testid="edit-message" role="status">
          {message.text}
        </div>
      ) : null}
    </>
  )
}
