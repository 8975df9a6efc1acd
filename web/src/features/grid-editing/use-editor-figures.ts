// The figures the editor shows, recomputed from the edit on every change: the live totals table,
// the integrity report, a colour per grid (kept through the edit), grid labels and the band.
import { useCallback, useMemo, useRef } from 'react'
import { DEFAULT_NORMS } from '../../../../core/domain/settings'
import { useI18n } from '../../i18n/i18n-provider'
import { gridBandFromNorms } from '../settings/grid-band'
import {
  codeChanges,
  editorIntegrity,
  firstNewKey,
  gridColours,
  gridLabel,
  gridNeighbours,
  gridRows,
} from './editor-model'
import type { EditorSession } from './use-editor-session'

export function useEditorFigures({ data, log, revision }: EditorSession) {
  const { t } = useI18n()
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` marks a change inside `log`
  const rows = useMemo(() => (log && data ? gridRows(log, data) : []), [log, data, revision])
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above
  const integrity = useMemo(() => (log && data ? editorIntegrity(log, data) : null), [log, data, revision])
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above
  const codes = useMemo(() => (log && data ? codeChanges(log, data) : null), [log, data, revision])
  // touching grids get different colours; a grid keeps its colour through the edit
  const previousColours = useRef(new Map<number, [number, number, number]>())
  const colours = useMemo(() => {
    const next = gridColours(
      rows.map((r) => r.key),
      log ? gridNeighbours(log.options.graph, log.session.assignment()) : new Map(),
      previousColours.current,
    )
    previousColours.current = next
    return next
  }, [rows, log])
  const unitIndex = useMemo(
    () => new Map((data?.units.features ?? []).map((f, i) => [String(f.id), i] as const)),
    [data],
  )
  const newKey0 = data ? firstNewKey(data) : 0
  // a grid is labelled by the code it will carry once saved (a split may hand its code to the other part)
  const label = useCallback(
    (key: number) => {
      const future = codes?.codeOfKey.get(key)
      const existing = data?.grids.find((g) => g.id === key)?.code ?? null
      return gridLabel(
        { key, code: key < newKey0 ? (future ?? existing) : null },
        {
          existing: (n) => t('map.gridLabel', { n }),
          created: (n) =>
            future ? t('edit.newLabelCode', { n, seq: Number(future.slice(12)) }) : t('edit.newLabel', { n }),
        },
        newKey0,
      )
    },
    [data, newKey0, t, codes],
  )
  const band = gridBandFromNorms(data?.settings ?? DEFAULT_NORMS)
  return { rows, integrity, colours, unitIndex, label, band, codes }
}
