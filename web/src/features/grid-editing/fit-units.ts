// Bringing units into view: the whole community once its units arrive (not again after each
// save), and a piece of a grid on "jump to part".
import { useEffect, useRef } from 'react'
import type { CommunityUnits } from '../../../../core/api'
import type { MapHandle } from '../../map/map-view'
import { unitsBbox } from './editor-model'

const COMMUNITY_PADDING = { top: 60, bottom: 60, left: 300, right: 440 }
const PART_PADDING = { top: 80, bottom: 80, left: 320, right: 460 }

export function fitUnits(handle: MapHandle | null, data: CommunityUnits | null, unitIds: string[]) {
  const box = data && unitsBbox(data, unitIds)
  if (box && handle)
    handle.map.fitBounds(
      [
        [box[0], box[1]],
        [box[2], box[3]],
      ],
      { padding: PART_PADDING, maxZoom: 17 },
    )
}

export function useFitCommunity(data: CommunityUnits | null, handle: MapHandle | null) {
  const fitted = useRef<string | null>(null)
  useEffect(() => {
    if (!data || !handle || fitted.current === data.community.code) return
    fitted.current = data.community.code
    const box = unitsBbox(
      data,
      data.units.features.map((f) => String(f.id)),
    )
    if (box)
      handle.map.fitBounds(
        [
          [box[0], box[1]],
          [box[2], box[3]],
        ],
        { padding: COMMUNITY_PADDING, duration: 0 },
      )
  }, [data, handle])
}
