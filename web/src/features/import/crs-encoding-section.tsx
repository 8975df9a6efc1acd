// Step 4: the coordinate system and the text encoding, each with the server's guess and why, the
// tolerances of the checks, and the decoded names with the garbled ones flagged.

import type { SourceLayer } from '../../../../core/api'
import { supportedCrs } from '../../../../core/geo/crs'
import { useI18n } from '../../i18n/i18n-provider'
import type { NameSample, TextEncoding, WizardChoices } from './wizard-state'

const CRS_LIST = supportedCrs()

export interface CrsEncodingSectionProps {
  layer: SourceLayer
  choices: WizardChoices
  onChange: (next: WizardChoices) => void
  names: NameSample[]
  /** the names shown were decoded with another encoding than the one chosen */
  stale: boolean
}

function NamesTable({ names, stale }: { names: NameSample[]; stale: boolean }) {
  const { t } = useI18n()
  const garbled = names.filter((n) => n.garbled).length
  return (
    <div className="import-names" data-testid="import-names">
      <div className={garbled > 0 ? 'tone-bad' : 'muted'} data-testid="import-garbled" data-garbled={garbled}>
        {stale ? t('import.namesStale') : garbled > 0 ? t('import.garbled', { n: garbled }) : t('import.namesOk')}
      </div>
      <ol>
        {names.map((n) => (
          <li key={n.row} className={n.garbled ? 'tone-bad' : undefined} data-garbled={n.garbled}>
            {n.name || '—'}
          </li>
        ))}
      </ol>
    </div>
  )
}

export function CrsEncodingSection({ layer, choices, onChange, names, stale }: CrsEncodingSectionProps) {
  const { t, language } = useI18n()
  const crsSource = layer.crs.code ? t(`import.crsFrom.${layer.crs.source}`) : t('import.crsNone')
  return (
    <section className="import-section">
      <h3>{t('import.step.crs')}</h3>
      <label className="import-field">
        <span>{t('import.crs')}</span>
        <select
          data-testid="import-crs"
          value={choices.crs}
          onChange={(e) => onChange({ ...choices, crs: e.target.value })}
        >
          <option value="">{t('import.crsChoose')}</option>
          {CRS_LIST.map((c) => (
            <option key={c.code} value={c.code}>
              {`${c.code} · ${language === 'zh' ? c.nameZh : c.nameEn}`}
            </option>
          ))}
        </select>
      </label>
      <div className="muted" data-testid="import-crs-guess">
        {crsSource}
        {layer.crs.reason ? ` (${layer.crs.reason})` : ''}
      </div>
      <div className="muted">{t('import.crsHint')}</div>
      <label className="import-field">
        <span>{t('import.encoding')}</span>
        <select
          data-testid="import-encoding"
          value={choices.encoding}
          onChange={(e) => onChange({ ...choices, encoding: e.target.value as TextEncoding })}
        >
          <option value="utf-8">UTF-8</option>
          <option value="gb18030">GBK / GB18030</option>
        </select>
      </label>
      <div className="muted" data-testid="import-encoding-guess">
        {t(`import.encodingFrom.${layer.encoding.source}`, { encoding: layer.encoding.encoding.toUpperCase() })}
      </div>
      <NamesTable names={names} stale={stale} />
      <div className="import-tolerances">
        <label className="import-field">
          <span>{t('import.containment')}</span>
          <input
            type="number"
            min={0}
            max={1000}
            step={1}
            data-testid="import-containment"
            value={choices.containmentM}
            onChange={(e) => onChange({ ...choices, containmentM: Math.max(0, Number(e.target.value) || 0) })}
          />
        </label>
        <label className="import-field">
          <span>{t('import.sliver')}</span>
          <input
            type="number"
            min={0}
            max={100}
            step={0.5}
            data-testid="import-sliver"
            value={choices.sliverM}
            onChange={(e) => onChange({ ...choices, sliverM: Math.max(0, Number(e.target.value) || 0) })}
          />
        </label>
      </div>
    </section>
  )
}
