// The optional basemap: a raster tile URL template, from `?basemap=` (this visit) or localStorage
// key `wangge.basemapUrl` (saved from the settings panel). Default: none — no request leaves our origin.
// Example (Tianditu vector, Web Mercator, your key):
//   https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=YOUR_KEY

export const BASEMAP_STORAGE_KEY = 'wangge.basemapUrl'

export type BasemapCheck = { ok: true; url: string } | { ok: false; error: string }

/** A usable template is an absolute http(s) URL (or a same-origin path) containing {z}, {x} and {y}. */
export function checkBasemapUrl(text: string): BasemapCheck {
  const url = text.trim()
  if (!/^(https?:\/\/[^\s/]+|\/)/.test(url)) return { ok: false, error: `not an http(s) URL or /path: "${url}"` }
  const missing = ['{z}', '{x}', '{y}'].filter((p) => !url.includes(p))
  if (missing.length > 0) return { ok: false, error: `missing ${missing.join(', ')} in "${url}"` }
  return { ok: true, url }
}

export function loadBasemapUrl(storage: Pick<Storage, 'getItem'> | undefined, search = ''): string | null {
  const fromUrl = new URLSearchParams(search).get('basemap')
  if (fromUrl) {
    const check = checkBasemapUrl(fromUrl)
    return check.ok ? check.url : null
  }
  try {
    const saved = storage?.getItem(BASEMAP_STORAGE_KEY)
    if (!saved) return null
    const check = checkBasemapUrl(saved)
    return check.ok ? check.url : null
  } catch {
    return null
  }
}

export function saveBasemapUrl(storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined, url: string | null) {
  try {
    if (url) storage?.setItem(BASEMAP_STORAGE_KEY, url)
    else storage?.removeItem(BASEMAP_STORAGE_KEY)
  } catch {
    // storage unavailable: the setting lasts for this page only
  }
}
