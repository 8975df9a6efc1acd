// 导入 / Import (/import): getting real data in. The wizard on the right (upload, target layer and
// column mapping, CRS and encoding, dry run, report, commit, history), the map on the left with
// the street and community outlines, what is stored around the file, and the file's rows where
// they would land, coloured by what the commit would do to each.
import { useEffect, useMemo, useState } from 'react'
import { api } from '../../api/client'
import { describeApiError } from '../../api/describe-api-error'
import { useApiResource } from '../../api/use-api-resource'
import { useI18n } from '../../i18n/i18n-provider'
import { createCommunityLayers, createStreetLayers } from '../../map/layers/boundary-layers'
import {
  countByStatus,
  createImportExistingLayer,
  createImportPreviewLayer,
  PREVIEW_STATUSES,
  type PreviewStatus,
} from '../../map/layers/import-preview-layers'
import { MAP_THEMES } from '../../map/map-theme'
import { type MapHandle, MapView } from '../../map/map-view'
import { updateTestHookSources } from '../../testing/probe'
import { LanguageSwitch } from '../../ui/language-switch'
import { CommitSection } from './commit-section'
import { CrsEncodingSection } from './crs-encoding-section'
import { HistorySection } from './history-section'
import { MappingSection } from './mapping-section'
import { type PreviewPick, PreviewTooltip, previewPickOf } from './preview-tooltip'
import { ReportSection } from './report-section'
import { UploadSection } from './upload-section'
import { useImportWizard } from './use-import-wizard'
import './import.css'

const ALL_STATUSES: ReadonlySet<PreviewStatus> = new Set(PREVIEW_STATUSES)

function PreviewLegend(props: {
  counts: Record<PreviewStatus, number>
  visible: ReadonlySet<PreviewStatus>
  onToggle: (status: PreviewStatus) => void
}) {
  const { t, formatNumber } = useI18n()
  return (
    <div className="import-legend panel" data-testid="import-legend">
      <strong>{t('import.previewTitle')}</strong>
      {PREVIEW_STATUSES.map((s) => (
        <label key={s} className="toggle">
          <input
            type="checkbox"
            data-testid={`import-show-${s}`}
            checked={props.visible.has(s)}
            onChange={() => props.onToggle(s)}
          />
          <span className={`import-swatch status-${s}`} />
          {t(`import.status.${s}`)} ({formatNumber(props.counts[s])})
        </label>
      ))}
      <span className="muted">{t('import.previewExisting')}</span>
    </div>
  )
}

export function ImportPage() {
  const { t, language, formatNumber } = useI18n()
  const w = useImportWizard()
  const [handle, setHandle] = useState<MapHandle | null>(null)
  const [visible, setVisible] = useState<ReadonlySet<PreviewStatus>>(ALL_STATUSES)
  // the preview row under the pointer; a click pins it until the next click
  const [hovered, setHovered] = useState<PreviewPick | null>(null)
  const [pinned, setPinned] = useState<PreviewPick | null>(null)
  const streets = useApiResource((signal) => api.streets({}, signal))
  const communities = useApiResource((signal) => api.communities({}, signal))
  const { preview, existing, bbox } = w.dryRun

  const layers = useMemo(() => {
    const theme = MAP_THEMES.light
    const options = { theme, visible: true, pickable: false }
    const s = createStreetLayers(streets.data?.features ?? [], { ...options, lineWidthPx: 1.5 })
    const c = createCommunityLayers(communities.data?.features ?? [], options)
    const stack = [c.line, s.line, createImportExistingLayer(existing)]
    if (preview) stack.push(createImportPreviewLayer(preview.features, { visible }))
    return stack
  }, [streets.data, communities.data, existing, preview, visible])

  // the map goes to the file's rows once the dry run has placed them
  useEffect(() => {
    if (handle && bbox)
      handle.map.fitBounds(
        [
          [bbox[0], bbox[1]],
          [bbox[2], bbox[3]],
        ],
        { padding: 80, duration: 0, maxZoom: 17 },
      )
  }, [handle, bbox])

  useEffect(() => {
    updateTestHookSources({ map: handle?.map ?? null, overlay: handle?.overlay ?? null, language })
  }, [handle, language])

  // a new dry run's preview: nothing is pinned
  useEffect(() => {
    if (preview !== undefined) {
      setPinned(null)
      setHovered(null)
    }
  }, [preview])

  const counts = useMemo(() => countByStatus(preview?.features ?? []), [preview])
  const toggle = (s: PreviewStatus) =>
    setVisible((v) => {
      const next = new Set(v)
      if (next.has(s)) next.delete(s)
      else next.add(s)
      return next
    })

  const { choices, layer, dryRun } = w
  return (
    <div className="import-page" data-testid="import-page">
      <div className="import-map">
        <MapView
          layers={layers}
          theme="light"
          basemapUrl={null}
          ariaLabel={t('map.label')}
          onReady={setHandle}
          onHover={(info) => setHovered(previewPickOf(info))}
          onClick={(info) => setPinned(previewPickOf(info))}
        />
        {preview ? <PreviewLegend counts={counts} visible={visible} onToggle={toggle} /> : null}
        {preview && (pinned ?? hovered) ? <PreviewTooltip pick={(pinned ?? hovered)!} /> : null}
      </div>
      <aside className="import-panel" data-testid="import-wizard">
        <header className="import-header">
          <div>
            <h2>{t('import.title')}</h2>
            <span className="muted">{t('import.subtitle')}</span>
          </div>
          <LanguageSwitch />
          <a href="/" className="muted">
            {t('import.back')}
          </a>
        </header>
        <UploadSection
          state={w.upload.state}
          onFile={w.upload.upload}
          sourceLayer={choices?.sourceLayer ?? null}
          onSourceLayer={w.setSourceLayer}
        />
        {choices && layer ? (
          <>
            <MappingSection layer={layer} choices={choices} onChange={w.setChoices} onTarget={w.setTarget} />
            <CrsEncodingSection
              layer={layer}
              choices={choices}
              onChange={w.setChoices}
              names={w.names.names}
              stale={w.names.stale}
            />
            <section className="import-section">
              {w.missing.length > 0 ? (
                <div className="tone-bad" data-testid="import-missing">
                  {t('import.missing', { n: w.missing.length })}
                </div>
              ) : null}
              <button
                type="button"
                data-testid="import-dry-run"
                disabled={w.missing.length > 0 || dryRun.phase === 'running'}
                onClick={w.runDryRun}
              >
                {t('import.dryRun')}
              </button>
              {dryRun.phase === 'running' ? (
                <div className="import-progress">
                  <span data-testid="import-dry-run-stage" data-stage={dryRun.stage ?? ''}>
                    {dryRun.stage ? t(`import.stage.${dryRun.stage}`) : t('import.validating')}
                  </span>
                  <progress data-testid="import-dry-run-progress" max={1} value={dryRun.progress} />
                  <span className="num">{formatNumber(dryRun.progress * 100)}%</span>
                </div>
              ) : null}
              {dryRun.phase === 'failed' && dryRun.error ? (
                <div className="form-error" role="alert" data-testid="import-dry-run-error">
                  {describeApiError(dryRun.error, t)}
                </div>
              ) : null}
              {dryRun.phase === 'done' && !w.current ? (
                <div className="muted" data-testid="import-stale">
                  {t('import.stale')}
                </div>
              ) : null}
            </section>
            {dryRun.result && w.current ? (
              <>
                <ReportSection result={dryRun.result} />
                <CommitSection result={dryRun.result} author={w.author} onCommit={w.commit} committed={w.committed} />
              </>
            ) : null}
          </>
        ) : null}
        <HistorySection history={w.history} author={w.author} onRollback={w.rollback} />
      </aside>
    </div>
  )
}
