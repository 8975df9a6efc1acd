// Response bodies built from the coverage store's indicator rows (pure): the indicator table, its CSV, the urban vs
// rural comparison of one indicator, a community scorecard.
import type { Comparison, IndicatorInfo, IndicatorRow, IndicatorTable, Scorecard } from '../../../core/api'
import type { CommunityResult, CoverageStore, ScenarioResult } from '../../../core/domain/coverage-store'
import { compareRows } from '../../../core/domain/equity'
import { indicatorNameZh } from './equity-report'

const inStreet = (result: ScenarioResult, street: string | null) =>
  street ? result.rows.filter((r) => r.community.streetCode === street) : result.rows

function row(r: CommunityResult): IndicatorRow {
  const c = r.community
  return {
    code: c.code,
    name: c.name,
    streetCode: c.streetCode,
    streetName: c.streetName,
    kind: c.kind,
    households: c.households,
    residents: c.residents,
    workers: c.workers,
    gridCount: r.indicators.gridCount,
    values: r.values,
    stars: r.rating.stars,
    score: r.rating.score,
  }
}

export function indicatorTable(model: CoverageStore, result: ScenarioResult, street: string | null): IndicatorTable {
  return {
    scenario: result.scenario,
    street,
    indicators: model.catalogue,
    rows: inStreet(result, street).map(row),
    computedAt: result.computedAt,
  }
}

/** The comparison of one indicator, or null when no community in the selection has a value. */
export function comparison(result: ScenarioResult, info: IndicatorInfo, street: string | null): Comparison | null {
  const rows = inStreet(result, street).map((r) => ({
    code: r.community.code,
    kind: r.community.kind,
    residents: r.community.residents,
    values: r.values,
  }))
  if (!rows.some((r) => r.values[info.code] !== null && r.values[info.code] !== undefined)) return null
  const cmp = compareRows(rows, info.code)
  return {
    indicator: info.code,
    info,
    scenario: result.scenario,
    street,
    groups: { urban: cmp.groups.urban ?? null, rural: cmp.groups.rural ?? null },
    all: cmp.all,
    gini: cmp.gini,
    weightedGini: cmp.weightedGini,
    lorenz: cmp.lorenz,
    theil: cmp.theil,
    excluded: cmp.excluded,
  }
}

export function scorecard(model: CoverageStore, result: ScenarioResult, r: CommunityResult): Scorecard {
  const c = r.community
  return {
    code: c.code,
    name: c.name,
    kind: c.kind,
    streetCode: c.streetCode,
    streetName: c.streetName,
    scenario: result.scenario,
    stars: r.rating.stars,
    score: r.rating.score,
    pullingDown: r.rating.pullingDown,
    notApplicable: r.rating.notApplicable,
    criteria: model.starSettings.criteria[c.kind],
    values: r.values,
  }
}

/** One CSV field: quoted when it holds a comma, quote or newline (RFC 4180). */
function field(value: string | number | null): string {
  if (value === null) return ''
  const text = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(6)) : value
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The indicator table as CSV: a UTF-8 BOM (so Excel reads the Chinese), one row per community;
 * each column titled in Chinese with its stable code in brackets, e.g. `覆盖率 · 幼儿园 [coverage_share:kindergarten]`. */
export function indicatorCsv(model: CoverageStore, result: ScenarioResult, street: string | null): string {
  const catalogue = model.catalogue
  const types = model.world.types
  const head = [
    '代码 [code]',
    '名称 [name]',
    '街道代码 [street_code]',
    '街道/镇 [street_name]',
    '社区/村 [kind]',
    '户数 [households]',
    '常住人口 [residents]',
    '社区工作者 [workers]',
    '网格数 [grid_count]',
    '星级 [stars]',
    '得分 [score]',
    ...catalogue.map((i) => `${indicatorNameZh(i, types)} [${i.code}]`),
  ]
  const lines = [head.map(field).join(',')]
  for (const r of inStreet(result, street)) {
    const c = r.community
    lines.push(
      [
        c.code,
        c.name,
        c.streetCode,
        c.streetName,
        c.kind === 'urban' ? '社区' : '村',
        c.households,
        c.residents,
        c.workers,
        r.indicators.gridCount,
        r.rating.stars,
        r.rating.score,
        ...catalogue.map((i) => r.values[i.code] ?? null),
      ]
        .map(field)
        .join(','),
    )
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
