import type { Layer } from '@deck.gl/core'
import { describe, expect, it } from 'vitest'
import type { FacilityType } from '../../../../core/api'
import { DEVIATION_COLOURS } from '../deviation-colour'
import { MAP_THEMES } from '../map-theme'
import { buildLayers, DEFAULT_LAYER_TOGGLES, type MapLayersInput } from './build-layers'
import { createFacilityLayer, type FacilityFeature, filterFacilitiesByType } from './facility-layers'
import { createGridLayer, type GridFeature } from './grid-layer'
import { labelPriority, labelsFromFeatures, shortPlaceName } from './label-layer'
import { LAYER_IDS } from './layer-ids'

const square: GeoJSON.MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [117.6, 39],
        [117.61, 39],
        [117.61, 39.01],
        [117.6, 39.01],
        [117.6, 39],
      ],
    ],
  ],
}

const grid = (id: number, households: number): GridFeature => ({
  type: 'Feature',
  id,
  geometry: square,
  properties: {
    id,
    code: `120116001001${String(id).padStart(3, '0')}`,
    name: `网格${id}`,
    communityCode: '120116001001',
    communityName: '测试社区',
    streetCode: '120116001',
    households,
    residents: households * 2,
    unitCount: 3,
    targetHouseholds: 300,
    deviation: (households - 300) / 300,
    inBand: Math.abs(households - 300) <= 60,
    validFrom: '2024-01-01',
    validTo: null,
  },
})

const facility = (id: number, typeCode: string, status: 'existing' | 'planned' = 'existing'): FacilityFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [117.605, 39.005] },
  properties: {
    id,
    typeCode,
    name: `设施${id}`,
    status,
    streetCode: '120116001',
    communityCode: null,
    floorAreaM2: null,
    activityAreaM2: null,
    capacity: null,
    radiusM: 300,
    radiusOverridden: false,
    version: 1,
  },
})

const types = new Map<string, FacilityType>([
  [
    'kindergarten',
    {
      code: 'kindergarten',
      nameZh: '幼儿园',
      nameEn: 'Kindergarten',
      service: 'childcare',
      tier: '5min',
      defaultRadiusM: 300,
      minActivityShare: null,
      floorAreaM2Per100Households: null,
      colour: '#ff8800',
    },
  ],
])

const input = (overrides: Partial<MapLayersInput> = {}): MapLayersInput => ({
  streets: [],
  facilities: [facility(1, 'kindergarten')],
  facilityTypes: types,
  visibleTypes: null,
  revision: 0,
  streetLabels: [],
  communityLabels: [],
  gridLabels: [],
  selected: null,
  toggles: DEFAULT_LAYER_TOGGLES,
  zoom: 9,
  tolerance: 0.2,
  theme: 'light',
  ...overrides,
})

const byId = (layers: Layer[]) => new Map(layers.map((l) => [l.id, l]))

describe('buildLayers', () => {
  it('stacks grids under boundaries, facilities and labels, with unique ids', () => {
    const toggles = { ...DEFAULT_LAYER_TOGGLES, facilities: true, serviceRadius: true }
    const ids = buildLayers(input({ zoom: 12, toggles })).map((l) => l.id)
    expect(new Set(ids).size).toBe(ids.length)
    const at = (id: string) => ids.indexOf(id)
    expect(at(LAYER_IDS.grids)).toBeLessThan(at(LAYER_IDS.communitiesLine))
    expect(at(LAYER_IDS.communitiesLine)).toBeLessThan(at(LAYER_IDS.streetsLine))
    expect(at(LAYER_IDS.streetsLine)).toBeLessThan(at(LAYER_IDS.selection))
    expect(at(LAYER_IDS.serviceRadius)).toBeLessThan(at(LAYER_IDS.facilities))
    expect(at(LAYER_IDS.facilities)).toBeLessThan(at(LAYER_IDS.streetLabels))
  })

  it('shows street labels at low zoom and community labels at high zoom', () => {
    const low = byId(buildLayers(input({ zoom: 9 })))
    expect(low.get(LAYER_IDS.streetLabels)?.props.visible).toBe(true)
    expect(low.get(LAYER_IDS.communityLabels)?.props.visible).toBe(false)
    const high = byId(buildLayers(input({ zoom: 12.5 })))
    expect(high.get(LAYER_IDS.streetLabels)?.props.visible).toBe(false)
    expect(high.get(LAYER_IDS.communityLabels)?.props.visible).toBe(true)
  })

  it('makes the grid fills see-through from the zoom the buildings are drawn at', () => {
    const alphaAt = (zoom: number) => {
      const grids = byId(buildLayers(input({ zoom }))).get(LAYER_IDS.grids)!
      return (grids.props as unknown as { updateTriggers: { getFillColor: [number, number] } }).updateTriggers
        .getFillColor[1]
    }
    expect(alphaAt(12)).toBeGreaterThan(150)
    expect(alphaAt(15)).toBeLessThan(100)
  })

  it('shows service radii only on demand, with facilities on', () => {
    const off = byId(buildLayers(input({ toggles: { ...DEFAULT_LAYER_TOGGLES, facilities: true } })))
    expect(off.get(LAYER_IDS.facilities)?.props.visible).toBe(true)
    expect(off.get(LAYER_IDS.serviceRadius)?.props.visible).toBe(false)
    const on = byId(
      buildLayers(input({ toggles: { ...DEFAULT_LAYER_TOGGLES, facilities: true, serviceRadius: true } })),
    )
    expect(on.get(LAYER_IDS.serviceRadius)?.props.visible).toBe(true)
  })

  it('lets clicks reach communities only when grids are hidden', () => {
    const withGrids = byId(buildLayers(input({ zoom: 11 })))
    // no pick fill at all: a hidden tile layer would still fetch its tiles
    expect(withGrids.has(LAYER_IDS.communitiesFill)).toBe(false)
    const without = byId(buildLayers(input({ zoom: 11, toggles: { ...DEFAULT_LAYER_TOGGLES, grids: false } })))
    expect(without.get(LAYER_IDS.communitiesFill)?.props.pickable).toBe(true)
    expect(without.get(LAYER_IDS.streetsFill)?.props.pickable).toBe(false)
  })

  it('draws grids, communities, units and facilities from their tiles, fetched again at a new revision', () => {
    const toggles = { ...DEFAULT_LAYER_TOGGLES, facilities: true }
    const layers = byId(buildLayers(input({ zoom: 15, toggles, revision: 7 })))
    for (const [id, layer] of [
      [LAYER_IDS.grids, 'grids'],
      [LAYER_IDS.communitiesLine, 'communities'],
      [LAYER_IDS.units, 'units'],
      [LAYER_IDS.facilities, 'facilities'],
    ]) {
      const props = layers.get(id)!.props as unknown as { data: string; updateTriggers: { getTileData: number } }
      expect(props.data).toBe(`/api/tiles/${layer}/{z}/{x}/{y}.mvt`)
      expect(props.updateTriggers.getTileData).toBe(7)
    }
    // unit edges only at street zoom; no tile layer at all for hidden grids
    expect(byId(buildLayers(input({ zoom: 11 }))).has(LAYER_IDS.units)).toBe(false)
    const noGrids = byId(buildLayers(input({ toggles: { ...DEFAULT_LAYER_TOGGLES, grids: false } })))
    expect(noGrids.has(LAYER_IDS.grids)).toBe(false)
  })

  it('outlines the selection only when there is one', () => {
    expect(byId(buildLayers(input())).get(LAYER_IDS.selection)?.props.visible).toBe(false)
    const selected = byId(buildLayers(input({ selected: grid(1, 300) })))
    expect(selected.get(LAYER_IDS.selection)?.props.visible).toBe(true)
  })
})

describe('layer factories', () => {
  it('colours grids by deviation with the theme alpha', () => {
    const layer = createGridLayer({
      theme: MAP_THEMES.light,
      tolerance: 0.2,
      visible: true,
      outlines: false,
      revision: 0,
    })!
    const getFillColor = layer.props.getFillColor as unknown as (f: GridFeature) => number[]
    expect(getFillColor(grid(1, 300))).toEqual([...DEVIATION_COLOURS[3].slice(0, 3), MAP_THEMES.light.gridFillAlpha])
    expect(getFillColor(grid(2, 100)).slice(0, 3)).toEqual(DEVIATION_COLOURS[0].slice(0, 3))
  })

  it('colours facilities by type, planned ones hollow', () => {
    const layer = createFacilityLayer({ types, visible: true, visibleTypes: null, revision: 0 })!
    const getFillColor = layer.props.getFillColor as unknown as (f: FacilityFeature) => number[]
    expect(getFillColor(facility(1, 'kindergarten'))).toEqual([255, 136, 0, 255])
    expect(getFillColor(facility(2, 'kindergarten', 'planned'))[3]).toBeLessThan(255)
    expect(getFillColor(facility(3, 'unknown_type')).length).toBe(4)
  })

  it('filters facilities by type and builds labels from labelPoint', () => {
    const all = [facility(1, 'kindergarten'), facility(2, 'clinic')]
    expect(filterFacilitiesByType(all, null)).toBe(all)
    expect(filterFacilitiesByType(all, new Set(['clinic'])).map((f) => f.id)).toEqual([2])
    expect(
      labelsFromFeatures([
        { properties: { name: '塘沽街道', labelPoint: [117.65, 39.02], households: 40000 } },
        { properties: { name: '', labelPoint: [117, 39] } },
      ]),
    ).toEqual([{ position: [117.65, 39.02], text: '塘沽街道', priority: 200 }])
    // bigger places win label collisions; priorities stay inside deck.gl's [-1000, 1000]
    expect(labelPriority(900)).toBeLessThan(labelPriority(40000))
    expect(labelPriority(5e7)).toBe(1000)
    expect(labelPriority(undefined)).toBe(0)
    expect(shortPlaceName('贻芳嘉园社区居委会')).toBe('贻芳嘉园社区')
    expect(shortPlaceName('南开村村民委员会')).toBe('南开村')
    expect(shortPlaceName('高新区滨海科技园社区')).toBe('高新区滨海科技园社区')
    expect(shortPlaceName('居委会')).toBe('居委会')
  })
})
