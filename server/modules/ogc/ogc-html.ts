// The HTML face of the OGC API (conformance class html): plain pages a browser can walk, built
// from the same objects the JSON responses carry.
import type { OgcLink } from '../../../core/api'

const esc = (v: unknown) =>
  String(v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — Wangge 网格 OGC API</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}
a{color:#0b5cad}.muted{color:#666}</style></head>
<body><p class="muted"><a href="/ogc?f=html">Wangge 网格 OGC API – Features</a></p><h1>${esc(title)}</h1>
${body}</body></html>`
}

const linkList = (links: OgcLink[]) =>
  `<ul>${links.map((l) => `<li><a href="${esc(l.href)}">${esc(l.title ?? l.rel)}</a> <span class="muted">(${esc(l.rel)}${l.type ? `, ${esc(l.type)}` : ''})</span></li>`).join('')}</ul>`

export function landingHtml(doc: { title: string; description: string; links: OgcLink[] }): string {
  return page(doc.title, `<p>${esc(doc.description)}</p>${linkList(doc.links)}`)
}

export function conformanceHtml(conformsTo: string[]): string {
  return page('Conformance 符合性', `<ul>${conformsTo.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>`)
}

interface CollectionDoc {
  id: string
  title: string
  description: string
  crs: string[]
  links: OgcLink[]
}

export function collectionsHtml(collections: CollectionDoc[]): string {
  const rows = collections
    .map(
      (c) =>
        `<tr><td><a href="/ogc/collections/${esc(c.id)}?f=html">${esc(c.id)}</a></td><td>${esc(c.title)}</td><td>${esc(c.description)}</td></tr>`,
    )
    .join('')
  return page('Collections 图层', `<table><tr><th>id</th><th>title</th><th>description</th></tr>${rows}</table>`)
}

export function collectionHtml(c: CollectionDoc): string {
  return page(
    c.title,
    `<p>${esc(c.description)}</p>${linkList(c.links)}<h2>CRS</h2><ul>${c.crs.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`,
  )
}

interface FeatureDoc {
  id: string | number
  properties: Record<string, unknown>
}

export function itemsHtml(
  title: string,
  collectionId: string,
  features: FeatureDoc[],
  page_: { matched: number; links: OgcLink[] },
): string {
  const keys = [...new Set(features.flatMap((f) => Object.keys(f.properties)))]
  const head = `<tr><th>id</th>${keys.map((k) => `<th>${esc(k)}</th>`).join('')}</tr>`
  const rows = features
    .map(
      (f) =>
        `<tr><td><a href="/ogc/collections/${esc(collectionId)}/items/${esc(f.id)}?f=html">${esc(f.id)}</a></td>${keys.map((k) => `<td>${esc(f.properties[k])}</td>`).join('')}</tr>`,
    )
    .join('')
  const nav = page_.links.filter((l) => l.rel === 'next' || l.rel === 'prev' || l.rel === 'self')
  return page(
    title,
    `<p>${features.length} of ${page_.matched} features 要素</p>${linkList(nav.map((l) => ({ ...l, href: l.href.replace('f=json', 'f=html') })))}<table>${head}${rows}</table>`,
  )
}

export function itemHtml(title: string, feature: FeatureDoc & { geometry: { type: string } }): string {
  const rows = Object.entries(feature.properties)
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`)
    .join('')
  return page(`${title} ${feature.id}`, `<p>geometry: ${esc(feature.geometry.type)}</p><table>${rows}</table>`)
}
