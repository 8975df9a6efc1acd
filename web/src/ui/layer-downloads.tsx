// A download button for every layer: the format and the coordinate system are chosen once, then
// each layer's link downloads it (GeoJSON, CSV, XLSX, zipped Shapefile or FlatGeobuf) with its provenance.
import { EXPORT_LAYERS, exportPath } from '../../../core/api'
import type { MessageKey } from '../i18n/dictionaries'
import { useI18n } from '../i18n/i18n-provider'
import { DownloadChoices } from './download-choices'

const LAYER_LABEL: Record<(typeof EXPORT_LAYERS)[number], MessageKey> = {
  streets: 'layers.streets',
  communities: 'layers.communities',
  grids: 'download.grids',
  units: 'download.units',
  buildings: 'download.buildings',
  facilities: 'layers.facilities',
}

export function LayerDownloads() {
  const { t } = useI18n()
  return (
    <DownloadChoices
      className="layer-downloads panel"
      title={t('download.title')}
      testId="layer-downloads"
      idPrefix="download"
      links={EXPORT_LAYERS.map((layer) => ({
        id: layer,
        label: t(LAYER_LABEL[layer]),
        href: (choice) => exportPath(layer, choice),
      }))}
    />
  )
}
