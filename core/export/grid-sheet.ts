// The grid plan of a community or street as a printable map sheet (HTML with print CSS, A4):
// the grids drawn with their numbers, then a table of grid codes, households and residents with
// the 网格员 (grid worker) and phone columns left blank for filling in by hand.

export interface SheetGrid {
  code: string
  name: string
  communityName: string
  households: number
  residents: number
  unitCount: number
  /** SVG path data in degrees, y = −lat */
  d: string
  /** a point inside the grid, [lng, lat] */
  label: [number, number]
}

export interface GridSheetInput {
  /** 社区 or 街道 name, and its code */
  placeName: string
  placeCode: string
  grids: SheetGrid[]
  extent: [number, number, number, number]
  revision: number
  generatedAt: string
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const number = (n: number) => n.toLocaleString('zh-CN')

export function renderGridSheet(input: GridSheetInput): string {
  const [minX, minY, maxX, maxY] = input.extent
  const w = Math.max(maxX - minX, 1e-6)
  const h = Math.max(maxY - minY, 1e-6)
  const pad = Math.max(w, h) * 0.02
  const viewBox = `${minX - pad} ${-maxY - pad} ${w + 2 * pad} ${h + 2 * pad}`
  const font = Math.max(w, h) / 40
  const households = input.grids.reduce((s, g) => s + g.households, 0)
  const residents = input.grids.reduce((s, g) => s + g.residents, 0)
  const shapes = input.grids
    .map(
      (g, i) =>
        `<path d="${escapeHtml(g.d)}" class="grid g${i % 6}"><title>${escapeHtml(g.code)} ${escapeHtml(g.name)}</title></path>`,
    )
    .join('\n')
  const labels = input.grids
    .map((g, i) => `<text x="${g.label[0]}" y="${-g.label[1]}" font-size="${font}" class="label">${i + 1}</text>`)
    .join('\n')
  const rows = input.grids
    .map(
      (g, i) => `<tr data-code="${escapeHtml(g.code)}">
  <td class="num">${i + 1}</td><td class="code">${escapeHtml(g.code)}</td><td>${escapeHtml(g.name)}</td>
  <td>${escapeHtml(g.communityName)}</td><td class="num">${number(g.unitCount)}</td>
  <td class="num">${number(g.households)}</td><td class="num">${number(g.residents)}</td>
  <td class="blank"></td><td class="blank"></td></tr>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(input.placeName)} 网格划分图 — Wangge 网格</title>
<style>
  @page { size: A4 portrait; margin: 12mm; }
  body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #111; margin: 0 auto; max-width: 186mm; }
  h1 { font-size: 18pt; margin: 0 0 2mm; }
  .meta { font-size: 9pt; color: #444; margin-bottom: 3mm; }
  svg { width: 100%; height: 150mm; border: 0.3mm solid #888; }
  .grid { stroke: #222; stroke-width: 1.5px; vector-effect: non-scaling-stroke; }
  .g0 { fill: #fde0c5; } .g1 { fill: #c9e4ca; } .g2 { fill: #cfe0f3; } .g3 { fill: #f3d1e3; } .g4 { fill: #fff2b3; } .g5 { fill: #dcd3ef; }
  .label { text-anchor: middle; dominant-baseline: middle; font-weight: 700; fill: #000; paint-order: stroke; stroke: #fff; stroke-width: ${font / 6}; }
  table { width: 100%; border-collapse: collapse; font-size: 9pt; margin-top: 4mm; page-break-before: always; }
  th, td { border: 0.2mm solid #555; padding: 1.2mm 1.5mm; }
  th { background: #eee; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
  .num { text-align: right; }
  .code { font-family: monospace; }
  td.blank { min-width: 28mm; height: 7mm; }
  tfoot td { font-weight: 700; }
  .print { margin: 3mm 0; }
  @media print { .print { display: none; } }
</style>
</head>
<body>
<h1>${escapeHtml(input.placeName)} 网格划分图</h1>
<div class="meta">编码 ${escapeHtml(input.placeCode)} · 网格 ${input.grids.length} 个 · ${number(households)} 户 · ${number(residents)} 人 ·
数据版本 r${input.revision} · 生成于 ${escapeHtml(input.generatedAt)} · 坐标 WGS84</div>
<button class="print" onclick="window.print()">打印 / Print</button>
<svg viewBox="${viewBox}" preserveAspectRatio="xMidYMid meet" role="img" aria-label="网格划分图">
${shapes}
${labels}
</svg>
<table>
<thead><tr><th>序号</th><th>网格编码</th><th>网格名称</th><th>社区</th><th>小区数</th><th>户数</th><th>人口</th><th>网格员</th><th>联系电话</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><td colspan="5">合计</td><td class="num">${number(households)}</td><td class="num">${number(residents)}</td><td></td><td></td></tr></tfoot>
</table>
</body>
</html>
`
}
