// The figures the editor shows, recomputed from the edit on every change: the live totals table,
// the integrity report, a colour per grid (kept through the edit), grid labels and the band.
import { useCallback, useMemo, useRef } from 'react'
import { DEFAULT_NORMS } from '../../../../core/domain/settings'
import { useI18n } from '../../i18n/i18n-provider'
import { gridBandFromNorms } from '../settings/grid-band'
import { editorIntegrity, firstNewKey, gridColours, gridLabel, gridNeighbours, gridRows } from './editor-model'
import type { EditorSession } from './use-editor-session'

export function useEditorFigures({ data, log, revision }: EditorSession) {
  const { t } = useI18n()
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` marks a change inside `log`
  const rows = useMemo(() => (log && data ? gridRows(log, data) : []), [log, data, revision])
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above
  const integrity = useMemo(() => (log && data ? editorIntegrity(log, data) : null), [log, data, revision])
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
  const label = useCallback(
    (key: number) =>
      gridLabel(
        { key, code: data?.grids.find((g) => g.id === key)?.code ?? null },
        { existing: (n) => t('map.gridLabel', { n }), created: (n) => t('edit.newLabel', { n }) },
        newKey0,
      ),
    [data, newKey0, t],
  )
  const band = gridBandFromNorms(data?.settings ?? DEFAULT_NORMS)
  return { rows, integrity, colours, unitIndex, label, band }
}
