// A siting result (POST /api/siting/*) as a collection of its proposed sites, for download: one
// point per site with its rank, the candidate it came from, its community and what it adds.
import type { SitingResponse } from '../api'

export function sitingCollection(result: SitingResponse): GeoJSON.FeatureCollection {
  const distance = result.model === 'p-median'
  return {
    type: 'FeatureCollection',
    features: result.sites.map((site) => ({
      type: 'Feature',
      id: site.rank,
      geometry: { type: 'Point', coordinates: [site.lngLat[0], site.lngLat[1]] },
      properties: {
        rank: site.rank,
        candidate: site.candidate,
        communityCode: site.communityCode,
        typeCode: result.typeCode,
        model: result.model,
        ...(distance
          ? { distanceSaved: site.newlyCoveredHouseholds }
          : { newlyCoveredHouseholds: site.newlyCoveredHouseholds }),
        radiusM: result.radiusM,
      },
    })),
  }
}

/** What the provenance's filter says of a siting result: model, type, scenario, radius, before → after. */
export function sitingFilter(result: SitingResponse): Record<string, string> {
  const share = (s: number) => `${(s * 100).toFixed(1)}%`
  return {
    model: result.model,
    type: result.typeCode,
    scenario: result.scenario,
    radiusM: String(result.radiusM),
    ...(result.distanceMethod ? { distanceMethod: result.distanceMethod } : {}),
    ...(result.model === 'p-median'
      ? {
          totalDistanceBefore: String(Math.round(result.before.totalDistance ?? 0)),
          totalDistanceAfter: String(Math.round(result.after.totalDistance ?? 0)),
        }
      : { coveredBefore: share(result.before.share), coveredAfter: share(result.after.share) }),
    method: result.method,
  }
}
