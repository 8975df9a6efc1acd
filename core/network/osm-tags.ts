// OpenStreetMap tags → what an edge is for walking. highway=* gives the class; motorways and trunk
// roads carry no pedestrians unless foot=yes/designated/permissive; foot=no, or access=no/private
// without a foot=* allowance, closes any way. bridge=* (anything but no) and tunnel=yes pass over or
// under other lines; layer=* keeps lines on different levels apart. The same reading serves
// GeoJSON and Shapefile exports of OSM that carry `highway` as a column.
import type { WalkEdgeClass } from './types'

const CLASS_OF_HIGHWAY: Record<string, WalkEdgeClass> = {
  footway: 'footway',
  path: 'footway',
  pedestrian: 'footway',
  steps: 'footway',
  corridor: 'footway',
  track: 'footway',
  bridleway: 'footway',
  cycleway: 'footway',
  living_street: 'residential',
  residential: 'residential',
  service: 'residential',
  unclassified: 'residential',
  road: 'residential',
  tertiary: 'arterial',
  tertiary_link: 'arterial',
  secondary: 'arterial',
  secondary_link: 'arterial',
  primary: 'arterial',
  primary_link: 'arterial',
  trunk: 'expressway',
  trunk_link: 'expressway',
  motorway: 'expressway',
  motorway_link: 'expressway',
}

const FOOT_ALLOWED = new Set(['yes', 'designated', 'permissive', 'official'])
const CLOSED = new Set(['no', 'private'])

export type Tags = Record<string, string | number | boolean | null | undefined>

export interface WayReading {
  class: WalkEdgeClass
  walkable: boolean
  bridge: boolean
  tunnel: boolean
  layer: number
  name?: string
}

const tag = (tags: Tags, key: string) => {
  const v = tags[key]
  return v === null || v === undefined ? '' : String(v).trim().toLowerCase()
}

/** How a way with these tags is walked; null when it is not a way for people (no or unknown highway). */
export function readWayTags(tags: Tags): WayReading | null {
  const highway = tag(tags, 'highway')
  const base = CLASS_OF_HIGHWAY[highway]
  if (!base) return null
  const foot = tag(tags, 'foot')
  const access = tag(tags, 'access')
  let walkable = base !== 'expressway' || FOOT_ALLOWED.has(foot)
  if (CLOSED.has(foot) || foot === 'use_sidepath') walkable = false
  else if (CLOSED.has(access) && !FOOT_ALLOWED.has(foot)) walkable = false
  const bridgeTag = tag(tags, 'bridge')
  const bridge = bridgeTag !== '' && bridgeTag !== 'no'
  const tunnel = tag(tags, 'tunnel') === 'yes'
  const layer = Number.parseInt(tag(tags, 'layer'), 10)
  // a walkable bridge or tunnel is a crossing; an expressway stays an expressway
  // (a trunk road pedestrians may use walks like an arterial)
  const cls: WalkEdgeClass =
    walkable && bridge
      ? 'bridge'
      : walkable && tunnel
        ? 'underpass'
        : walkable && base === 'expressway'
          ? 'arterial'
          : base
  const name = tags.name === null || tags.name === undefined ? '' : String(tags.name).trim()
  const reading: WayReading = { class: cls, walkable, bridge, tunnel, layer: Number.isFinite(layer) ? layer : 0 }
  if (name) reading.name = name
  return reading
}
