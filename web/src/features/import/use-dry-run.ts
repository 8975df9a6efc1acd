// The dry run: the request, the server's progress while it validates (polled), then the report,
// the preview's rows and what is already stored around them. Writes nothing.
import { useCallback, useRef, useState } from 'react'
import type { DryRunRequest, DryRunResult, ImportStage } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'
import { geometryBbox } from '../../map/geometry/bbox'
import { importApi, loadExisting, type PreviewCollection } from './import-api'

export interface DryRunState {
  phase: 'idle' | 'running' | 'done' | 'failed'
  /** 0–1 as the server reports it */
  progress: number
  /** what the server is doing (reading, rows, parents, geometry, removed, figures) */
  stage: ImportStage | null
  result: DryRunResult | null
  preview: PreviewCollection | null
  existing: GeoJSON.Feature[]
  /** [minLng, minLat, maxLng, maxLat] of the preview's rows */
  bbox: [number, number, number, number] | null
  error: Error | null
}

export const IDLE_DRY_RUN: DryRunState = {
  phase: 'idle',
  progress: 0,
  stage: null,
  result: null,
  preview: null,
  existing: [],
  bbox: null,
  error: null,
}

const POLL_MS = 400

function previewBbox(preview: PreviewCollection): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null
  for (const f of preview.features) {
    const b = geometryBbox(f.geometry)
    if (!b) continue
    box = box ? [Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])] : b
  }
  return box
}

export function useDryRun() {
  const { language } = useI18n()
  const [state, setState] = useState<DryRunState>(IDLE_DRY_RUN)
  const run = useRef(0)

  const start = useCallback(
    async (id: number, request: DryRunRequest) => {
      const attempt = ++run.current
      const current = () => attempt === run.current
      setState({ ...IDLE_DRY_RUN, phase: 'running' })
      const poll = setInterval(() => {
        importApi.summary(id).then(
          (s) => {
            if (current() && s.status === 'validating')
              setState((st) => ({ ...st, progress: s.progress, stage: s.stage }))
          },
          () => {}, // a missed poll changes nothing
        )
      }, POLL_MS)
      try {
        const result = await importApi.dryRun(id, request, language)
        const preview = await importApi.preview(id)
        const bbox = previewBbox(preview)
        const existing = bbox ? await loadExisting(request.target, bbox) : []
        if (current())
          setState({ phase: 'done', progress: 1, stage: null, result, preview, existing, bbox, error: null })
      } catch (error) {
        if (current()) setState((s) => ({ ...s, phase: 'failed', error: error as Error }))
      } finally {
        clearInterval(poll)
      }
    },
    [language],
  )

  const reset = useCallback(() => {
    run.current++
    setState(IDLE_DRY_RUN)
  }, [])

  return { state, start, reset }
}
