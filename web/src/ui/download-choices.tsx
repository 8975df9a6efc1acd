// Download links with the format and the coordinate system chosen once for all of them (GeoJSON,
// CSV, XLSX, zipped Shapefile or FlatGeobuf; WGS84, CGCS2000, EPSG:4548 or GCJ-02). Every
// download carries its provenance inside the file. Used for the layers and the analysis views;
// a computed result (siting) is POSTed back to be written (`body`).
import { type ReactNode, useState } from 'react'
import { EXPORT_FORMATS, type ExportFormat } from '../../../core/api'
import { EXPORT_CRS_IDS, type ExportCrsId } from '../../../core/export/crs-choice'
import { useI18n } from '../i18n/i18n-provider'
import { postDownload } from './save-download'

export interface DownloadLink {
  id: string
  label: ReactNode
  href: (choice: { format: ExportFormat; crs: ExportCrsId }) => string
  /** a download that POSTs this body to `href` (a result computed, not stored: siting) */
  body?: unknown
}

export function DownloadChoices({
  title,
  links,
  testId,
  idPrefix = testId,
  className,
  initialFormat = 'shp',
}: {
  title: ReactNode
  links: DownloadLink[]
  /** `${testId}` on the block; `${idPrefix}-format`, `${idPrefix}-crs` and `${idPrefix}-${link.id}` inside */
  testId: string
  idPrefix?: string
  className?: string
  initialFormat?: ExportFormat
}) {
  const { t } = useI18n()
  const [format, setFormat] = useState<ExportFormat>(initialFormat)
  const [crs, setCrs] = useState<ExportCrsId>('wgs84')
  const [failed, setFailed] = useState<string | null>(null)
  return (
    <details className={`download-choices-block ${className ?? ''}`} data-testid={testId}>
      <summary>{title}</summary>
      <div className="download-choices">
        <label>
          <span>{t('download.format')}</span>
          <select
            value={format}
            onChange={(e) => setFormat(e.target.value as ExportFormat)}
            data-testid={`${idPrefix}-format`}
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
          <select value={crs} onChange={(e) => setCrs(e.target.value as ExportCrsId)} data-testid={`${idPrefix}-crs`}>
            {EXPORT_CRS_IDS.map((c) => (
              <option key={c} value={c}>
                {t(`crs.${c}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ul className="download-links">
        {links.map((link) => (
          <li key={link.id}>
            {link.body === undefined ? (
              <a href={link.href({ format, crs })} download data-testid={`${idPrefix}-${link.id}`}>
                ⤓ {link.label}
              </a>
            ) : (
              <button
                type="button"
                className="link-button"
                data-testid={`${idPrefix}-${link.id}`}
                onClick={() => {
                  setFailed(null)
                  postDownload(link.href({ format, crs }), link.body).catch((e: Error) => setFailed(e.message))
                }}
              >
                ⤓ {link.label}
              </button>
            )}
          </li>
        ))}
      </ul>
      {failed ? (
        <p className="error" role="alert">
          {t('download.failed', { message: failed })}
        </p>
      ) : null}
    </details>
  )
}
