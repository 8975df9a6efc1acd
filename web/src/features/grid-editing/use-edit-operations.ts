// Applying, previewing, undoing and redoing operations on the edit log, with the pending
// operation's preview (its diff and the units it moves) and the message line of the panel.
import { useCallback, useState } from 'react'
import type { EditOp, GridDiff } from '../../../../core/domain/grids'
import type { EditorSession } from './use-editor-session'

export interface Pending {
  diff: GridDiff[]
  /** indices of the units the operation moves */
  touched: Set<number>
  error: string | null
}

export interface Message {
  tone: 'good' | 'bad'
  text: string
}

export function useEditOperations(session: EditorSession, unitIndex: Map<string, number>) {
  const { log, bump } = session
  const [pending, setPending] = useState<Pending | null>(null)
  const [message, setMessage] = useState<Message | null>(null)
  const showError = useCallback((e: unknown) => {
    setMessage({ tone: 'bad', text: (e as Error).message })
  }, [])
  const run = useCallback(
    (op: EditOp) => {
      if (!log) return
      try {
        log.apply(op)
        setMessage(null)
      } catch (e) {
        showError(e)
      }
      setPending(null)
      bump()
    },
    [log, bump, showError],
  )
  const preview = useCallback(
    (op: EditOp | null) => {
      if (!log || !op) return setPending(null)
      try {
        const resolved = log.resolve(op)
        const moved =
          resolved.kind === 'moveUnits' ? resolved.unitIds : resolved.kind === 'splitByAssignment' ? resolved.sideB : []
        const diff = log.preview(op)
        setPending({ diff, touched: new Set(moved.map((id) => unitIndex.get(id)!)), error: null })
      } catch (e) {
        setPending({ diff: [], touched: new Set(), error: (e as Error).message })
      }
    },
    [log, unitIndex],
  )
  const undo = useCallback(() => {
    log?.undo()
    setPending(null)
    bump()
  }, [log, bump])
  const redo = useCallback(() => {
    log?.redo()
    setPending(null)
    bump()
  }, [log, bump])
  /** a new empty grid; `onCreated` gets its key (not called when it could not be created) */
  const createGrid = (onCreated: (key: number | null) => void) => {
    if (!log) return
    try {
      onCreated(log.apply({ kind: 'createGrid' }).createdGrid ?? null)
    } catch (e) {
      showError(e)
    }
    bump()
  }
  const discard = () => {
    setPending(null)
    session.discard()
  }
  return { pending, setPending, message, setMessage, showError, run, preview, undo, redo, createGrid, discard }
}
