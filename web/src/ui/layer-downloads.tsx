// A download button for every layer: the format and the coordinate system are chosen once, then
// each layer's link downloads it (GeoJSON, CSV, zipped Shapefile or FlatGeobuf) with its provenance.
import { useState } from 'react'
import { EXPORT_FORMATS, EXPORT_LAYERS, type ExportFormat, type ExportLayer, exportPath } from '../../../core/api'
import { EXPORT_CRS_IDS, type ExportCrsId } from '../../../core/export/crs-choice'
import type { MessageKey } from '../i18n/dictionaries'
import { useI18n } from '../i18n/i18n-provider'

const LAYER_LABEL: Record<ExportLayer, MessageKey> = {
  streets: 'layers.streets',
  communities: 'layers.communities',
  grids: 'download.grids',
  units: 'download.units',
  buildings: 'download.buildings',
  facilities: 'layers.facilities',
}

export function LayerDownloads() {
  const { t } = useI18n()
  const [format, setFormat] = useState<ExportFormat>('shp')
  const [crs, setCrs] = useState<ExportCrsId>('wgs84')
  return (
    <details className="layer-downloads panel" data-testid="layer-downloads">
      <summary>{t('download.title')}</summary>
      <div className="download-choices">
        <label>
          <span>{t('download.format')}</span>
          <select
            value={format}
            onChange={(e) => setFormat(e.target.value as ExportFormat)}
            data-testid="download-format"
          >
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`format.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('download.crs')}</span>
          <select value={crs} onChange={(e) => setCrs(e.target.value as ExportCrsId)} data-testid="download-crs">
            {EXPORT_CRS_IDS.map((c) => (
              <option key={c} value={c}>
                {t(`crs.${c}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ul className="download-links">
        {EXPORT_LAYERS.map((layer) => (
          <li key={layer}>
            <a href={exportPath(layer, { format, crs })} download data-testid={`download-${layer}`}>
              ⤓ {t(LAYER_LABEL[layer])}
            </a>
          </li>
        ))}
      </ul>
    </details>
  )
}
