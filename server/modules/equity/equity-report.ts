// The printable equalization report (pure HTML builder): A4, charts as inline SVG drawn with the
// same chart geometry as the panel, the district (or street) map as an SVG choropleth, no
// script and no request outside the page. Chinese labels (the officials' language).
import { type Comparison, type IndicatorInfo, measureLabelKey, SHARED_LABELS_ZH, tierLabel } from '../../../core/api'
import type { CommunityResult, StoreFacilityType } from '../../../core/domain/coverage-store'
import {
  boxDomain,
  boxGeometry,
  choroplethColour,
  linearScale,
  lorenzPath,
  niceTicks,
  quantileBreaks,
  theilSplit,
} from '../../../core/domain/equity'
import { bandInHouseholds, type Norms, tolerancePercent } from '../../../core/domain/settings'
import type { PlainTable } from '../../../core/export/tables'

export interface ReportInput {
  title: string
  scope: string // 全区 or the street name
  scenario: 'as-is' | 'with-planned'
  generatedAt: Date
  indicator: IndicatorInfo
  comparison: Comparison
  /** the headline indicators: as-is and with-planned comparisons */
  headline: { info: IndicatorInfo; asIs: Comparison; planned: Comparison }[]
  rows: CommunityResult[]
  types: StoreFacilityType[]
  map: { code: string; d: string }[]
  extent: [number, number, number, number] // minLng, minLat, maxLng, maxLat
  /** the norms in force (settings table), stated under the title */
  norms: Norms
  /** download links of the report's tables (not printed) */
  downloads?: { label: string; href: string; testId: string }[]
}

const esc = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** The shared label table (core/api/labels.ts), filled like the web's translate. */
const zh = (key: keyof typeof SHARED_LABELS_ZH, params: Record<string, string | number> = {}) =>
  SHARED_LABELS_ZH[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))

export function indicatorNameZh(info: IndicatorInfo, types: readonly StoreFacilityType[]): string {
  const measure = zh(measureLabelKey(info.measure))
  if (info.subject === null) return measure
  if (info.subject.startsWith('tier:')) return `${measure} · ${tierLabel(info.subject.slice(5), zh)}`
  return `${measure} · ${types.find((t) => t.code === info.subject)?.nameZh ?? info.subject}`
}

export function formatValue(v: number | null | undefined, unit: IndicatorInfo['unit']): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–'
  if (unit === 'share') return `${(v * 100).toFixed(1)}%`
  if (unit === 'm') return `${Math.round(v).toLocaleString('zh-CN')} m`
  if (unit === 'supply_per_1000_residents') return v.toFixed(2)
  return v.toFixed(1)
}

function boxPlotSvg(cmp: Comparison): string {
  const width = 640
  const left = 80
  const x = linearScale(boxDomain([cmp.groups.urban, cmp.groups.rural]), [left, width - 16])
  const rows: [string, Comparison['groups']['urban'], string][] = [
    ['城市社区', cmp.groups.urban, '#1c6dd0'],
    ['农村', cmp.groups.rural, '#2f9e44'],
  ]
  const height = rows.length * 50 + 30
  const ticks = niceTicks(x.domain[0], x.domain[1], 5)
    .map(
      (v) =>
        `<line x1="${x(v)}" x2="${x(v)}" y1="4" y2="${height - 22}" stroke="#dee2e6"/><text x="${x(v)}" y="${height - 6}" text-anchor="middle" font-size="11" fill="#6c757d">${esc(formatValue(v, cmp.info.unit))}</text>`,
    )
    .join('')
  const boxes = rows
    .map(([label, s, colour], i) => {
      const mid = 30 + i * 50
      if (!s) return `<text x="4" y="${mid + 4}" font-size="13">${label} –</text>`
      const g = boxGeometry(s, x)
      return `<text x="4" y="${mid + 4}" font-size="13">${label}</text>
<line x1="${g.whiskerLow}" x2="${g.whiskerHigh}" y1="${mid}" y2="${mid}" stroke="${colour}" stroke-width="1.5"/>
<line x1="${g.whiskerLow}" x2="${g.whiskerLow}" y1="${mid - 8}" y2="${mid + 8}" stroke="${colour}"/>
<line x1="${g.whiskerHigh}" x2="${g.whiskerHigh}" y1="${mid - 8}" y2="${mid + 8}" stroke="${colour}"/>
<rect x="${g.q1}" y="${mid - 13}" width="${Math.max(1, g.q3 - g.q1)}" height="26" fill="${colour}" fill-opacity="0.25" stroke="${colour}"/>
<line x1="${g.median}" x2="${g.median}" y1="${mid - 13}" y2="${mid + 13}" stroke="${colour}" stroke-width="3"/>`
    })
    .join('')
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">${ticks}${boxes}</svg>`
}

function lorenzSvg(cmp: Comparison): string {
  const inner = 220
  const path = lorenzPath(cmp.lorenz, inner, inner)
  return `<svg class="lorenz" viewBox="-30 -6 ${inner + 40} ${inner + 30}" xmlns="http://www.w3.org/2000/svg">
<rect x="0" y="0" width="${inner}" height="${inner}" fill="none" stroke="#adb5bd"/>
<line x1="0" y1="${inner}" x2="${inner}" y2="0" stroke="#adb5bd" stroke-dasharray="4 3"/>
<path d="${path}L${inner},${inner}Z" fill="rgba(28,109,208,0.15)"/>
<path d="${path}" fill="none" stroke="#1c6dd0" stroke-width="2"/>
<text x="${inner / 2}" y="${inner + 18}" text-anchor="middle" font-size="11" fill="#6c757d">累计人口占比 →</text>
<text x="-8" y="${inner / 2}" text-anchor="middle" font-size="11" fill="#6c757d" transform="rotate(-90 -8 ${inner / 2})">累计指标占比 →</text>
</svg>`
}

function theilSvg(cmp: Comparison): string {
  const width = 640
  const split = theilSplit(cmp.theil.between, cmp.theil.within, width)
  return `<svg class="chart" viewBox="0 0 ${width} 20" xmlns="http://www.w3.org/2000/svg"><rect x="0" y="0" width="${split.between}" height="20" fill="#d9480f"/><rect x="${split.between}" y="0" width="${split.within}" height="20" fill="#adb5bd"/></svg>`
}

function mapSvg(input: ReportInput): string {
  const [minLng, minLat, maxLng, maxLat] = input.extent
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180)
  const values = new Map(input.rows.map((r) => [r.community.code, r.values[input.indicator.code] ?? null]))
  const breaks = quantileBreaks([...values.values()])
  const paths = input.map
    .map(({ code, d }) => {
      const rgb = choroplethColour(values.get(code) ?? null, breaks, input.indicator.higherIsBetter)
      const fill = rgb ? `rgb(${rgb.join(',')})` : '#dcdcdc'
      return `<path d="${d}" fill="${fill}" stroke="#fff" stroke-width="0.4" vector-effect="non-scaling-stroke"/>`
    })
    .join('')
  const w = (maxLng - minLng) * k
  const h = maxLat - minLat
  const legend = breaks.length
    ? `<p class="legend">颜色越深越好 · 分级断点：${breaks.map((b) => esc(formatValue(b, input.indicator.unit))).join(' / ')}</p>`
    : ''
  return `<svg class="map" viewBox="${minLng * k} ${-maxLat} ${w} ${h}" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg"><g transform="scale(${k},1)">${paths}</g></svg>${legend}`
}

function headlineTable(input: ReportInput): string {
  const rows = input.headline
    .map(({ info, asIs, planned }) => {
      const u = asIs.groups.urban
      const r = asIs.groups.rural
      // a change is shown only against a gap large enough for the ratio to mean something
      const change =
        asIs.theil.between >= 1e-3 ? ((planned.theil.between - asIs.theil.between) / asIs.theil.between) * 100 : null
      return `<tr><th>${esc(indicatorNameZh(info, input.types))}</th><td>${esc(formatValue(u?.median, info.unit))}</td><td>${esc(formatValue(r?.median, info.unit))}</td><td>${asIs.gini.toFixed(3)}</td><td>${asIs.theil.between.toFixed(4)}</td><td>${asIs.theil.within.toFixed(4)}</td><td>${planned.theil.between.toFixed(4)}${change === null ? '' : ` (${change >= 0 ? '+' : ''}${change.toFixed(1)}%)`}</td></tr>`
    })
    .join('')
  return `<table class="figures"><thead><tr><th>指标</th><th>城市社区中位数</th><th>农村中位数</th><th>基尼系数</th><th>泰尔组间</th><th>泰尔组内</th><th>含规划后组间</th></tr></thead><tbody>${rows}</tbody></table>`
}

function lowestTable(input: ReportInput): string {
  const rated = input.rows.filter((r) => r.rating.score !== null).sort((a, b) => a.rating.score! - b.rating.score!)
  const rows = rated
    .slice(0, 12)
    .map((r) => {
      const name = weakestName(r, input.types) ?? '–'
      return `<tr><th>${esc(r.community.name)}</th><td>${esc(r.community.streetName)}</td><td>${r.community.kind === 'urban' ? '社区' : '村'}</td><td class="stars">${'★'.repeat(r.rating.stars ?? 0)}</td><td>${((r.rating.score ?? 0) * 100).toFixed(0)}</td><td>${esc(name)}</td></tr>`
    })
    .join('')
  return `<table class="figures"><thead><tr><th>社区/村</th><th>街道/镇</th><th>类型</th><th>星级</th><th>得分</th><th>主要短板</th></tr></thead><tbody>${rows}</tbody></table>`
}

/** The weakest indicator's name of a community (the report's "主要短板"). */
function weakestName(r: CommunityResult, types: readonly StoreFacilityType[]): string | null {
  const worst = r.rating.pullingDown[0]
  if (!worst) return null
  const info = {
    code: worst.indicator,
    measure: worst.indicator.split(':')[0],
    subject: worst.indicator.split(':').slice(1).join(':') || null,
  }
  return indicatorNameZh({ ...(info as IndicatorInfo), unit: 'share', higherIsBetter: true, norm: null }, types)
}

/**
 * The report's tables as data, for download (XLSX, CSV): the headline indicators (城乡对比, numbers
 * unrounded) and every rated community from the lowest score up (the page prints the first 12).
 */
export function reportTables(input: ReportInput): PlainTable[] {
  const round = (v: number | null | undefined, digits: number) =>
    v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toFixed(digits))
  const headline: PlainTable = {
    id: 'headline 主要指标',
    headers: [
      '指标',
      'indicator',
      '单位',
      '城市社区中位数',
      '农村中位数',
      '基尼系数',
      '泰尔组间',
      '泰尔组内',
      '含规划后组间',
    ],
    rows: input.headline.map(({ info, asIs, planned }) => [
      indicatorNameZh(info, input.types),
      info.code,
      info.unit,
      round(asIs.groups.urban?.median, 6),
      round(asIs.groups.rural?.median, 6),
      round(asIs.gini, 6),
      round(asIs.theil.between, 6),
      round(asIs.theil.within, 6),
      round(planned.theil.between, 6),
    ]),
  }
  const rated = input.rows.filter((r) => r.rating.score !== null).sort((a, b) => a.rating.score! - b.rating.score!)
  const lowest: PlainTable = {
    id: 'lowest 星级评分',
    headers: ['排名', '社区/村', '代码', '街道/镇', '类型', '星级', '得分', '主要短板'],
    rows: rated.map((r, i) => [
      i + 1,
      r.community.name,
      r.community.code,
      r.community.streetName,
      r.community.kind === 'urban' ? '社区' : '村',
      r.rating.stars ?? null,
      round((r.rating.score ?? 0) * 100, 1),
      weakestName(r, input.types),
    ]),
  }
  return [headline, lowest]
}

export function renderReport(input: ReportInput): string {
  const cmp = input.comparison
  const name = indicatorNameZh(input.indicator, input.types)
  const date = input.generatedAt.toISOString().slice(0, 16).replace('T', ' ')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${esc(input.title)} · ${esc(input.scope)}</title>
<style>
@page { size: A4 portrait; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #212529; margin: 0 auto; max-width: 186mm; font-size: 10.5pt; }
h1 { font-size: 17pt; margin: 0 0 2mm; } h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 1px solid #ced4da; }
.meta { color: #6c757d; margin: 0 0 4mm; }
.figures { width: 100%; border-collapse: collapse; font-size: 9pt; font-variant-numeric: tabular-nums; }
.figures th, .figures td { border-bottom: 1px solid #dee2e6; padding: 1.2mm 1.5mm; text-align: right; }
.figures th:first-child { text-align: left; font-weight: 500; }
.figures thead th { background: #f1f3f5; font-weight: 600; }
.stars { color: #f08c00; text-align: left !important; }
.chart { width: 100%; height: auto; }
.row { display: flex; gap: 6mm; align-items: center; }
.lorenz { width: 70mm; height: auto; flex: 0 0 70mm; }
.map { width: 100%; height: 120mm; display: block; }
.legend { color: #6c757d; font-size: 8.5pt; margin: 1mm 0; }
dl { display: grid; grid-template-columns: auto auto; gap: 1mm 4mm; margin: 0; } dt { color: #6c757d; } dd { margin: 0; font-weight: 600; }
.section { break-inside: avoid; page-break-inside: avoid; }
.pagebreak { break-before: page; page-break-before: always; }
@media screen { body { padding: 10mm; background: #fff; } }
.downloads { margin: 0 0 4mm; } .downloads a { margin-right: 4mm; }
@media print { .downloads { display: none; } }
</style></head><body>
<h1>${esc(input.title)}</h1>
<p class="meta">范围：${esc(input.scope)} · 情景：${input.scenario === 'as-is' ? '现状' : '含规划设施'} · 生成时间：${esc(date)} UTC · 社区/村 ${input.rows.length} 个</p>
${input.downloads?.length ? `<p class="downloads" data-testid="report-downloads">下载表格：${input.downloads.map((d) => `<a href="${esc(d.href)}" download data-testid="${esc(d.testId)}">⤓ ${esc(d.label)}</a>`).join('')}</p>` : ''}
<p class="meta" data-testid="report-norms">标准：每网格 ${input.norms.targetHouseholds} 户 ±${tolerancePercent(input.norms.tolerance)}%（${bandInHouseholds(input.norms).join('–')} 户为达标）· 每万常住人口社区工作者不少于 ${input.norms.minWorkersPer10k} 名 · 每百户服务设施面积不少于 ${input.norms.floorAreaM2Per100Households} 平方米</p>
<div class="section"><h2>主要指标：城乡对比</h2>${headlineTable(input)}
<p class="legend">泰尔T指数按常住人口加权，分解为城乡组间（城乡差距）与组内两部分；"含规划后组间"为计入规划设施后的城乡差距及其变化。</p></div>
<div class="section"><h2>${esc(name)}：城乡分布</h2>${boxPlotSvg(cmp)}
<div class="row">${lorenzSvg(cmp)}<dl>
<dt>城市社区中位数</dt><dd>${esc(formatValue(cmp.groups.urban?.median, cmp.info.unit))}</dd>
<dt>农村中位数</dt><dd>${esc(formatValue(cmp.groups.rural?.median, cmp.info.unit))}</dd>
<dt>基尼系数</dt><dd>${cmp.gini.toFixed(3)}</dd>
<dt>人口加权基尼系数</dt><dd>${cmp.weightedGini.toFixed(3)}</dd>
<dt>泰尔指数</dt><dd>${cmp.theil.total.toFixed(4)}</dd>
<dt>城乡组间</dt><dd>${cmp.theil.between.toFixed(4)}</dd>
<dt>组内</dt><dd>${cmp.theil.within.toFixed(4)}</dd>
</dl></div>${theilSvg(cmp)}<p class="legend">橙色：城乡组间；灰色：组内。</p></div>
<div class="section pagebreak"><h2>${esc(name)}：分布图</h2>${mapSvg(input)}</div>
<div class="section"><h2>星级评分最低的社区/村</h2>${lowestTable(input)}</div>
</body></html>`
}
