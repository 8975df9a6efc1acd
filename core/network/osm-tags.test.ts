import { describe, expect, it } from 'vitest'
import { readWayTags } from './osm-tags'

describe('readWayTags', () => {
  it('reads the class from highway=*', () => {
    expect(readWayTags({ highway: 'footway' })?.class).toBe('footway')
    expect(readWayTags({ highway: 'residential' })?.class).toBe('residential')
    expect(readWayTags({ highway: 'primary' })?.class).toBe('arterial')
    expect(readWayTags({ highway: 'motorway' })?.class).toBe('expressway')
  })

  it('closes motorways and trunk roads to pedestrians unless foot=yes', () => {
    expect(readWayTags({ highway: 'motorway' })?.walkable).toBe(false)
    expect(readWayTags({ highway: 'trunk' })?.walkable).toBe(false)
    expect(readWayTags({ highway: 'trunk', foot: 'yes' })).toMatchObject({ walkable: true, class: 'arterial' })
  })

  it('closes ways with foot=no, or access=no without a foot allowance', () => {
    expect(readWayTags({ highway: 'residential', foot: 'no' })?.walkable).toBe(false)
    expect(readWayTags({ highway: 'service', access: 'private' })?.walkable).toBe(false)
    expect(readWayTags({ highway: 'service', access: 'no', foot: 'designated' })?.walkable).toBe(true)
  })

  it('flags bridges and tunnels, reads the layer, and makes a walkable one a crossing', () => {
    expect(readWayTags({ highway: 'secondary', bridge: 'yes', layer: '1' })).toMatchObject({
      class: 'bridge',
      bridge: true,
      layer: 1,
    })
    expect(readWayTags({ highway: 'footway', tunnel: 'yes', layer: '-1' })).toMatchObject({
      class: 'underpass',
      tunnel: true,
      layer: -1,
    })
    expect(readWayTags({ highway: 'motorway', bridge: 'viaduct' })).toMatchObject({ class: 'expressway', bridge: true })
    expect(readWayTags({ highway: 'residential', bridge: 'no' })?.bridge).toBe(false)
  })

  it('ignores what is not a way for people', () => {
    expect(readWayTags({ waterway: 'river' })).toBeNull()
    expect(readWayTags({ highway: 'construction' })).toBeNull()
    expect(readWayTags({ railway: 'rail' })).toBeNull()
  })
})
