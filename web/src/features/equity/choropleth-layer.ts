// The choropleth of one indicator over the communities (pure layer factory): quantile classes,
// dark = better whichever way the indicator runs; communities without a value in grey.
import { GeoJsonLayer } from '@deck.gl/layers'
import type { CommunityProps, Feature } from '../../../../core/api'
import { choroplethColour } from '../../../../core/domain/equity'

export const CHOROPLETH_LAYER_ID = 'equity-choropleth'
const NO_VALUE: [number, number, number, number] = [200, 200, 200, 140]

export interface ChoroplethInput {
  communities: Feature<CommunityProps, GeoJSON.MultiPolygon>[]
  values: ReadonlyMap<string, number | null>
  breaks: readonly number[]
  higherIsBetter: boolean
  selected: string | null
  /** only these communities are drawn (the street filter), all when null */
  only: ReadonlySet<string> | null
}

export function createChoroplethLayer(input: ChoroplethInput) {
  const data = input.only ? input.communities.filter((c) => input.only!.has(c.properties.code)) : input.communities
  return new GeoJsonLayer<CommunityProps>({
    id: CHOROPLETH_LAYER_ID,
    data,
    filled: true,
    stroked: true,
    getFillColor: (f) => {
      const rgb = choroplethColour(input.values.get(f.properties.code) ?? null, input.breaks, input.higherIsBetter)
      return rgb ? [rgb[0], rgb[1], rgb[2], 220] : NO_VALUE
    },
    getLineColor: (f) => (f.properties.code === input.selected ? [220, 38, 38, 255] : [255, 255, 255, 200]),
    getLineWidth: (f) => (f.properties.code === input.selected ? 3 : 0.5),
    lineWidthUnits: 'pixels',
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90],
    updateTriggers: {
      getFillColor: [input.values, input.breaks, input.higherIsBetter],
      getLineColor: [input.selected],
      getLineWidth: [input.selected],
    },
  })
}
