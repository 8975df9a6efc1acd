// Text labels drawn by deck.gl (the map style has no glyphs): a CJK system font, the atlas
// built from the characters actually in the data (characterSet 'auto'), SDF outline for contrast.
import { CollisionFilterExtension, type CollisionFilterExtensionProps } from '@deck.gl/extensions'
import { TextLayer } from '@deck.gl/layers'
import type { MapTheme } from '../map-theme'

export const CJK_FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'

export interface LabelDatum {
  position: [lng: number, lat: number]
  text: string
  /** higher wins when labels collide (e.g. households); labels that would overlap a winner are hidden */
  priority?: number
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

/** deck.gl collision priorities must lie in [-1000, 1000]: the square root of households fits Binhai's range. */
export function labelPriority(households: number | undefined): number {
  return households && households > 0 ? Math.min(1000, Math.round(Math.sqrt(households))) : 0
}

/** Label data from features that carry a `labelPoint` and a `name`; features without either are skipped. */
export function labelsFromFeatures(
  features: { properties: { name: string; labelPoint?: [number, number] | null; households?: number } }[],
): LabelDatum[] {
  const labels: LabelDatum[] = []
  for (const f of features) {
    const point = f.properties.labelPoint
    if (!point || !f.properties.name) continue
    labels.push({
      position: point,
      text: shortPlaceName(f.properties.name),
      priority: labelPriority(f.properties.households),
    })
  }
  return labels
}

const collisionFilter = new CollisionFilterExtension()

export function createLabelLayer(labels: LabelDatum[], options: LabelLayerOptions) {
  return new TextLayer<LabelDatum, CollisionFilterExtensionProps<LabelDatum>>({
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
    // overlapping labels: the higher priority one is drawn, the other hidden until zoomed in
    extensions: [collisionFilter],
    collisionEnabled: true,
    collisionGroup: options.id,
    getCollisionPriority: (d) => d.priority ?? 0,
    collisionTestProps: { sizeScale: 1.15 },
    updateTriggers: { getColor: [options.theme.labelText] },
  })
}
