// Text labels drawn by deck.gl (the map style has no glyphs): a CJK system font, the atlas
// built from the characters actually in the data (characterSet 'auto'), SDF outline for contrast.
import { TextLayer } from '@deck.gl/layers'
import type { MapTheme } from '../map-theme'

export const CJK_FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'

export interface LabelDatum {
  position: [lng: number, lat: number]
  text: string
}

export interface LabelLayerOptions {
  id: string
  theme: MapTheme
  visible: boolean
  sizePx: number
  fontWeight?: number | string
}

/** Map label for an NBS community name: drops the committee suffix (居委会, 村民委员会, …), 'XX社区居委会' → 'XX社区'. */
export function shortPlaceName(name: string): string {
  const short = name.replace(/(社区)?(居民委员会|居委会)$/, '$1').replace(/村?(村民委员会|村委会)$/, '村')
  return short.length > 0 ? short : name
}

/** Label data from features that carry a `labelPoint` and a `name`; features without either are skipped. */
export function labelsFromFeatures(
  features: { properties: { name: string; labelPoint?: [number, number] | null } }[],
): LabelDatum[] {
  const labels: LabelDatum[] = []
  for (const f of features) {
    const point = f.properties.labelPoint
    if (!point || !f.properties.name) continue
    labels.push({ position: point, text: shortPlaceName(f.properties.name) })
  }
  return labels
}

export function createLabelLayer(labels: LabelDatum[], options: LabelLayerOptions) {
  return new TextLayer<LabelDatum>({
    id: options.id,
    data: labels,
    visible: options.visible,
    getPosition: (d) => d.position,
    getText: (d) => d.text,
    getSize: options.sizePx,
    sizeUnits: 'pixels',
    getColor: options.theme.labelText,
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    characterSet: 'auto',
    fontFamily: CJK_FONT_FAMILY,
    fontWeight: options.fontWeight ?? 'normal',
    fontSettings: { sdf: true, fontSize: 48, buffer: 8, radius: 12 },
    outlineWidth: 2,
    outlineColor: options.theme.labelOutline,
    pickable: false,
    updateTriggers: { getColor: [options.theme.labelText] },
  })
}
