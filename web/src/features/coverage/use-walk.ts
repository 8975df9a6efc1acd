// Walking distances in the coverage mode: the isochrones of the selected facility (or of the
// point it is being dragged to), and the barrier effect of the chosen type and scenario (only
// when coverage is walked). Each request aborts the one before it.
import { useEffect, useState } from 'react'
import type { BarrierEffect, CoverageScenario, DistanceMethod, Isochrones } from '../../../../core/api'
import { api } from '../../api/client'

export interface WalkOptions {
  enabled: boolean
  typeCode: string
  scenario: CoverageScenario
  method: DistanceMethod
  facilityId: number | null
  /** where the selected facility is being dragged to, while it is */
  dragPoint: [number, number] | null
  revision: number
}

export function useWalk(options: WalkOptions) {
  const { enabled, typeCode, scenario, method, facilityId, dragPoint, revision } = options
  const [isochrones, setIsochrones] = useState<Isochrones | null>(null)
  const [barrier, setBarrier] = useState<BarrierEffect | null>(null)
  const dragLng = dragPoint?.[0]
  const dragLat = dragPoint?.[1]
  useEffect(() => {
    void revision
    if (!enabled || method !== 'walk' || (facilityId === null && dragLng === undefined)) {
      setIsochrones(null)
      return
    }
    const controller = new AbortController()
    const query =
      dragLng !== undefined && dragLat !== undefined ? { lng: dragLng, lat: dragLat } : { facility: facilityId }
    api
      .getJson<Isochrones>('/api/coverage/isochrones', query, controller.signal)
      .then(setIsochrones)
      .catch(() => {
        if (!controller.signal.aborted) setIsochrones(null)
      })
    return () => controller.abort()
  }, [enabled, method, facilityId, dragLng, dragLat, revision])
  useEffect(() => {
    void revision
    if (!enabled || method !== 'walk') {
      setBarrier(null)
      return
    }
    const controller = new AbortController()
    api
      .getJson<BarrierEffect>(
        '/api/coverage/barrier',
        { type: typeCode, scenario, level: 'community', limit: 10 },
        controller.signal,
      )
      .then(setBarrier)
      .catch(() => {
        if (!controller.signal.aborted) setBarrier(null)
      })
    return () => controller.abort()
  }, [enabled, method, typeCode, scenario, revision])
  return { isochrones, barrier }
}
