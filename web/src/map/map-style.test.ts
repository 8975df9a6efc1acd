import { describe, expect, it } from 'vitest'
import { checkBasemapUrl, loadBasemapUrl } from './basemap-setting'
import { createMapStyle } from './map-style'

describe('createMapStyle', () => {
  it('is self-contained by default: a background, no sources, no glyphs or sprite', () => {
    const style = createMapStyle()
    expect(style.sources).toEqual({})
    expect(style.layers.map((l) => l.type)).toEqual(['background'])
    expect(style.glyphs).toBeUndefined()
    expect(style.sprite).toBeUndefined()
    expect(JSON.stringify(style)).not.toMatch(/https?:/)
  })

  it('adds a raster source only when a basemap URL is set', () => {
    const url = 'https://tiles.example.org/{z}/{x}/{y}.png'
    const style = createMapStyle({ basemapUrl: url, basemapAttribution: '© example', theme: 'dark' })
    expect(style.sources.basemap).toMatchObject({ type: 'raster', tiles: [url], tileSize: 256 })
    expect(style.layers.map((l) => l.id)).toEqual(['background', 'basemap'])
  })

  it('draws the buildings from our own vector tiles, at street zoom only', () => {
    const style = createMapStyle({ tileOrigin: 'http://127.0.0.1:8080' })
    expect(style.sources['wangge-buildings']).toMatchObject({
      type: 'vector',
      tiles: ['http://127.0.0.1:8080/api/tiles/buildings/{z}/{x}/{y}.mvt'],
    })
    expect(style.layers.at(-1)).toMatchObject({
      id: 'buildings',
      type: 'circle',
      'source-layer': 'buildings',
      minzoom: 14,
    })
  })
})

describe('basemap setting', () => {
  const tianditu =
    'https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY'

  it('accepts http(s) templates with {z}{x}{y} and rejects others with the bad value', () => {
    expect(checkBasemapUrl(` ${tianditu} `)).toEqual({ ok: true, url: tianditu })
    expect(checkBasemapUrl('/tiles/{z}/{x}/{y}.png').ok).toBe(true)
    expect(checkBasemapUrl('ftp://x/{z}/{x}/{y}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('ftp://'),
    })
    expect(checkBasemapUrl('https://x/{z}/{x}.png')).toMatchObject({ ok: false, error: expect.stringContaining('{y}') })
  })

  it('loads from ?basemap= first, then storage, else none', () => {
    const storage = { getItem: () => 'https://saved/{z}/{x}/{y}.png' }
    expect(loadBasemapUrl(undefined)).toBeNull()
    expect(loadBasemapUrl(storage)).toBe('https://saved/{z}/{x}/{y}.png')
    expect(loadBasemapUrl(storage, `?basemap=${encodeURIComponent('https://q/{z}/{x}/{y}')}`)).toBe(
      'https://q/{z}/{x}/{y}',
    )
    expect(loadBasemapUrl({ getItem: () => 'javascript:alert(1)' })).toBeNull()
  })
})
