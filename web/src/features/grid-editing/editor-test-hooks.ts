// What the grid editor exposes to browser tests on `window.__wangge.editor` (see testing/map-hooks.ts).
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
