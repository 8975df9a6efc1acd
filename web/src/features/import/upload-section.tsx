// Step 1: drop or pick a file; the bytes sent, then what the server found in it.
import { type DragEvent, useState } from 'react'
import type { ImportUploadResult } from '../../../../core/api'
import { describeApiError } from '../../api/describe-api-error'
import { useI18n } from '../../i18n/i18n-provider'
import type { UploadState } from './use-upload'

export const ACCEPTED_FILES = '.zip,.geojson,.json,.csv,.xlsx,.fgb,.gpkg'

export interface UploadSectionProps {
  state: UploadState
  onFile: (file: File) => void
  sourceLayer: string | null
  onSourceLayer: (name: string) => void
}

function FoundLayers({
  result,
  sourceLayer,
  onSourceLayer,
}: { result: ImportUploadResult } & Omit<UploadSectionProps, 'state' | 'onFile'>) {
  const { t, formatNumber } = useI18n()
  return (
    <div data-testid="import-found">
      <div className="muted">
        {t('import.found', {
          format: result.format,
          size: formatNumber(result.sizeBytes / 1024, 0),
          layers: formatNumber(result.layers.length),
        })}
      </div>
      {result.layers.length > 1 ? (
        <label className="import-field">
          <span>{t('import.sourceLayer')}</span>
          <select
            data-testid="import-source-layer"
            value={sourceLayer ?? ''}
            onChange={(e) => onSourceLayer(e.target.value)}
          >
            {result.layers.map((l) => (
              <option key={l.name} value={l.name}>
                {t('import.sourceLayerOption', { name: l.name, n: formatNumber(l.featureCount) })}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <div>
          {t('import.sourceLayerOption', {
            name: result.layers[0]?.name ?? '',
            n: formatNumber(result.layers[0]?.featureCount ?? 0),
          })}
        </div>
      )}
      {result.notices.length > 0 ? (
        <ul className="import-notices" data-testid="import-notices">
          {result.notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

export function UploadSection({ state, onFile, sourceLayer, onSourceLayer }: UploadSectionProps) {
  const { t } = useI18n()
  const [over, setOver] = useState(false)
  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setOver(false)
    const file = e.dataTransfer.files[0]
    if (file) onFile(file)
  }
  return (
    <section className="import-section">
      <h3>{t('import.step.upload')}</h3>
      <label
        className={`import-drop${over ? ' over' : ''}`}
        data-testid="import-drop"
        onDragOver={(e) => {
          e.preventDefault()
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <span>{t('import.drop')}</span>
        <span className="muted">{t('import.formats')}</span>
        <input
          type="file"
          data-testid="import-file"
          accept={ACCEPTED_FILES}
          onChange={(e) => {
            const file = e.target.files?.[0]
            if (file) onFile(file)
            e.target.value = ''
          }}
        />
      </label>
      {state.phase === 'uploading' ? (
        <div className="import-progress">
          <span>{t('import.uploading', { name: state.fileName ?? '' })}</span>
          <progress data-testid="import-upload-progress" max={1} value={state.progress} />
        </div>
      ) : null}
      {state.phase === 'failed' && state.error ? (
        <div className="form-error" role="alert" data-testid="import-upload-error">
          {describeApiError(state.error, t)}
        </div>
      ) : null}
      {state.result ? (
        <FoundLayers result={state.result} sourceLayer={sourceLayer} onSourceLayer={onSourceLayer} />
      ) : null}
    </section>
  )
}
