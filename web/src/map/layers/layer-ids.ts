// deck.gl layer ids: the keys for picking (`layerIds`), tests and selection.
export const LAYER_IDS = {
  streetsFill: 'streets-fill',
  streetsLine: 'streets-line',
  communitiesFill: 'communities-fill',
  communitiesLine: 'communities-line',
  units: 'units',
  grids: 'grids',
  gridLabels: 'grid-labels',
  selection: 'selection',
  serviceRadius: 'facility-service-radius',
  facilities: 'facilities',
  streetLabels: 'street-labels',
  communityLabels: 'community-labels',
  importExisting: 'import-existing',
  importPreview: 'import-preview',
} as const

export type LayerId = (typeof LAYER_IDS)[keyof typeof LAYER_IDS]
