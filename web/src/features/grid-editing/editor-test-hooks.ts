// What the grid editor exposes to browser tests on `window.__wangge.editor` (see testing/map-hooks.ts),
// and the one place the editor installs it.
import { useEffect } from 'react'
import type { CommunityUnits } from '../../../../core/api'
import type { EditLog } from '../../../../core/domain/grid-editing/edit-log'
import { updateTestHookSources } from '../../testing/probe'
import { type GridRow, unitColour } from './editor-model'

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
  /** what the map draws now (the edit, a proposal, or the current grids beside it): a unit's grid
   *  key and its fill colour, through the function the units layer itself uses */
  drawnGridOfUnit: (unitId: number) => number
  drawnColourOfUnit: (unitId: number) => [number, number, number] | null
}

export interface DrawnPlan {
  assignment: ArrayLike<number>
  colours: Map<number, [number, number, number]>
}

export function useEditorTestHooks(
  code: string,
  loaded: boolean,
  log: EditLog | null,
  rows: GridRow[],
  data: CommunityUnits | null = null,
  drawn: DrawnPlan | null = null,
) {
  useEffect(() => {
    const indexOf = (id: number) => data?.units.features.findIndex((f) => f.id === id) ?? -1
    updateTestHookSources({
      editor: {
        communityCode: code,
        loaded: loaded && Boolean(log),
        rows: () => rows,
        gridOfUnit: (id) => log?.session.gridOf(String(id)) ?? -1,
        pendingSteps: () => log?.ops.length ?? 0,
        drawnGridOfUnit: (id) => (drawn && indexOf(id) >= 0 ? drawn.assignment[indexOf(id)] : -1),
        drawnColourOfUnit: (id) =>
          drawn && indexOf(id) >= 0 ? unitColour(indexOf(id), drawn.assignment, drawn.colours) : null,
      },
    })
  }, [code, loaded, log, rows, data, drawn])
  useEffect(() => () => updateTestHookSources({ editor: null }), [])
}
