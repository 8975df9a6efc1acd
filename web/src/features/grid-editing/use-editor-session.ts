// The community being edited: its units and adjacency from the API, the edit log built from them,
// and a revision counter that bumps on every change so React redraws. Reload after a save.
import { useCallback, useEffect, useState } from 'react'
import type { CommunityUnits, UnitAdjacency } from '../../../../core/api'
import type { EditLog } from '../../../../core/domain/grid-editing/edit-log'
import { type RebaseResult, rebaseOps } from '../../../../core/domain/grid-editing/rebase'
import type { EditOp } from '../../../../core/domain/grids'
import { startEdit } from './editor-model'
import { gridEditingApi } from './grid-editing-api'

export interface EditorSession {
  data: CommunityUnits | null
  adjacency: UnitAdjacency | null
  log: EditLog | null
  revision: number
  error: Error | null
  loading: boolean
  /** call after changing `log` (apply, undo, redo) */
  bump: () => void
  /** drop the edit and start again from the loaded data */
  discard: () => void
  /** fetch the community again (after a save) */
  reload: () => void
  /** after a conflict: fetch the latest version and redo these operations on it */
  rebase: (ops: EditOp[]) => Promise<RebaseResult>
}

export function useEditorSession(code: string): EditorSession {
  const [loaded, setLoaded] = useState<{ data: CommunityUnits; adjacency: UnitAdjacency; log: EditLog } | null>(null)
  const [revision, setRevision] = useState(0)
  const [error, setError] = useState<Error | null>(null)
  const [attempt, setAttempt] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load
  useEffect(() => {
    const controller = new AbortController()
    setError(null)
    Promise.all([
      gridEditingApi.units(code, controller.signal),
      gridEditingApi.adjacency(code, controller.signal),
    ]).then(
      ([data, adjacency]) => {
        if (controller.signal.aborted) return
        setLoaded({ data, adjacency, log: startEdit(data, adjacency) })
        setRevision((r) => r + 1)
      },
      (e: Error) => {
        if (!controller.signal.aborted) setError(e)
      },
    )
    return () => controller.abort()
  }, [code, attempt])

  const bump = useCallback(() => setRevision((r) => r + 1), [])
  const discard = useCallback(() => {
    setLoaded((l) => (l ? { ...l, log: startEdit(l.data, l.adjacency) } : l))
    setRevision((r) => r + 1)
  }, [])
  const reload = useCallback(() => setAttempt((a) => a + 1), [])
  const rebase = useCallback(
    async (ops: EditOp[]) => {
      if (!loaded) throw new Error('nothing loaded to rebase')
      const data = await gridEditingApi.units(code)
      const fresh = startEdit(data, loaded.adjacency)
      const result = rebaseOps(loaded.log.options, fresh.options, ops)
      setLoaded({ data, adjacency: loaded.adjacency, log: result.log })
      setRevision((r) => r + 1)
      return result
    },
    [code, loaded],
  )
  return {
    data: loaded?.data ?? null,
    adjacency: loaded?.adjacency ?? null,
    log: loaded?.log ?? null,
    revision,
    error,
    loading: !loaded && !error,
    bump,
    discard,
    reload,
    rebase,
  }
}
