// What the grid editor exposes to browser tests on `window.__wangge.editor` (see testing/map-hooks.ts),
// and the one place the editor installs it.
import { useEffect } from 'react'
import type { EditLog } from '../../../../core/domain/grid-editing/edit-log'
import { updateTestHookSources } from '../../testing/probe'
import type { GridRow } from './editor-model'

export interface EditorTestHooks {
  communityCode: string
  /** true once the units are loaded and drawn */
  loaded: boolean
  /** the live totals table, as shown */
  rows: () => GridRow[]
  /** grid key of a unit in the edit */
  gridOfUnit: (unitId: number) => number
  /** operations applied and not yet saved */
  pendingSteps: () => number
}

export function useEditorTestHooks(code: string, loaded: boolean, log: EditLog | null, rows: GridRow[]) {
  useEffect(() => {
    updateTestHookSources({
      editor: {
        communityCode: code,
        loaded: loaded && Boolean(log),
        rows: () => rows,
        gridOfUnit: (id) => log?.session.gridOf(String(id)) ?? -1,
        pendingSteps: () => log?.ops.length ?? 0,
      },
    })
  }, [code, loaded, log, rows])
  useEffect(() => () => updateTestHookSources({ editor: null }), [])
}
