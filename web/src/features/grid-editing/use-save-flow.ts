// Saving the edit and everything that writes: save with a reason, the 409 conflict flow (the
// planner's unsaved operations redone on the latest version, nothing lost), proposals and
// accepting them, revert, the community's history, and reloading when someone else saved.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Proposal, Revision } from '../../../../core/api'
import type { EditOp } from '../../../../core/domain/grids'
import { ApiError } from '../../api/client'
import { describeApiError } from '../../api/describe-api-error'
import { useI18n } from '../../i18n/i18n-provider'
import { wireOps } from './editor-model'
import { gridEditingApi } from './grid-editing-api'
import type { Message } from './use-edit-operations'
import type { EditorSession } from './use-editor-session'
import { useLiveGridChanges } from './use-live-grid-changes'

export interface SaveFlowInput {
  code: string
  session: EditorSession
  editorName: string
  reason: string
  setReason: (reason: string) => void
  setMessage: (message: Message | null) => void
  clearPending: () => void
  /** after a save or revert: the district map refetches its grids */
  onSaved: () => void
}

export function useSaveFlow(input: SaveFlowInput) {
  const { code, session, editorName, reason, setMessage } = input
  const { data, log } = session
  const { t } = useI18n()
  const [busy, setBusy] = useState(false)
  const [proposal, setProposal] = useState<Proposal | null>(null)
  const [history, setHistory] = useState<Revision[]>([])
  // a refusal (not signed in, no permission, outside one's streets) says so in the user's language
  const showError = (e: unknown) =>
    setMessage({
      tone: 'bad',
      text:
        e instanceof ApiError && (e.status === 401 || e.status === 403) ? describeApiError(e, t) : (e as Error).message,
    })

  const refreshHistory = useCallback(() => {
    gridEditingApi.history(code).then(setHistory, () => setHistory([]))
  }, [code])
  useEffect(refreshHistory, [refreshHistory])

  // someone else saved this community: reload when nothing is pending, else warn
  const ours = useRef(new Set<number>())
  useLiveGridChanges((changes) => {
    const theirs = changes.filter((c) => c.communityCode === code && !ours.current.has(c.revisionId ?? -1))
    if (changes.length > 0 && theirs.length === 0) return
    refreshHistory()
    if ((log?.ops.length ?? 0) === 0) session.reload()
    else setMessage({ tone: 'bad', text: t('edit.changedElsewhere') })
  })

  const needName = () => {
    if (editorName.trim()) return false
    setMessage({ tone: 'bad', text: t('edit.needName') })
    return true
  }
  const afterSave = (result: { editVersion: number; warnings: unknown[]; revisionId: number }) => {
    ours.current.add(result.revisionId)
    setMessage({ tone: 'good', text: t('edit.saved', { version: result.editVersion, n: result.warnings.length }) })
    input.setReason('')
    input.clearPending()
    session.reload()
    refreshHistory()
    input.onSaved()
  }
  const onConflictOrError = async (e: unknown, ops: EditOp[] = []) => {
    const error = e as ApiError & { details?: { changes?: Revision[] } }
    if (error.status === 409 && error.details?.changes) {
      const changes = error.details.changes.map((c) => `${c.author}：${c.reason}`).join('；')
      refreshHistory()
      if (ops.length === 0) {
        setMessage({ tone: 'bad', text: t('edit.conflict', { changes }) })
        return session.reload()
      }
      // nothing is lost: the planner's steps are redone on the latest version, to check and save again
      const { applied, dropped } = await session.rebase(ops)
      input.clearPending()
      setMessage({
        tone: 'bad',
        text: t('edit.rebased', {
          changes,
          applied: applied.length,
          dropped: dropped.length ? t('edit.rebasedDropped', { n: dropped.length }) : '',
        }),
      })
    } else showError(e)
  }
  /** runs a write with the panel busy; errors go to the conflict flow */
  const writing = async (write: () => Promise<void>, unsaved?: () => EditOp[]) => {
    setBusy(true)
    try {
      await write()
    } catch (e) {
      await onConflictOrError(e, unsaved?.())
    } finally {
      setBusy(false)
    }
  }

  const save = async () => {
    if (!data || !log || needName()) return
    const body = { editVersion: data.community.editVersion, author: editorName.trim(), reason, ops: wireOps(log.ops) }
    await writing(
      async () => afterSave(await gridEditingApi.save(code, body)),
      () => log.ops,
    )
  }
  const propose = async (mode: 'propose' | 'rebalance', street = false) => {
    if (!data) return
    setBusy(true)
    try {
      setProposal(
        street
          ? await gridEditingApi.proposeStreet(data.community.streetCode, mode)
          : await gridEditingApi.propose(code, mode),
      )
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  /** accept every community's edit, or only one community's (the rest of the proposal stays) */
  const accept = async (only?: string) => {
    if (!proposal || needName()) return
    await writing(async () => {
      let last = null
      const edits = proposal.edits.filter((e) => !only || e.communityCode === only)
      for (const edit of edits)
        last = await gridEditingApi.save(edit.communityCode, {
          editVersion: edit.editVersion,
          author: editorName.trim(),
          reason: reason || t('edit.acceptReason'),
          ops: edit.ops,
        })
      const rest = proposal.edits.filter((e) => !edits.includes(e))
      setProposal(rest.length ? { ...proposal, edits: rest } : null)
      if (last) afterSave(last)
    })
  }
  const revert = async (id: number) => {
    if (needName()) return
    await writing(async () =>
      afterSave(await gridEditingApi.revert(id, editorName.trim(), t('edit.revertReason', { id }))),
    )
  }
  return { busy, proposal, rejectProposal: () => setProposal(null), history, save, propose, accept, revert }
}
