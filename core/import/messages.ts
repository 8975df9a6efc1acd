// The import's words in both languages, from one table keyed by code (ADR 26): what is wrong with
// a row (the problem's code), what would be done about it (the action's code) and the notices of
// an upload or a dry run. The pipeline records a code and its values; the API renders them in the
// UI's language (?lang=zh|en or Accept-Language; problems.csv defaults to Chinese). A problem or
// notice without an entry here is shown as the pipeline worded it (English).
import type { ImportProblem } from '../api/import'

export type Lang = 'zh' | 'en'
export type Params = Record<string, string | number>
interface Text {
  en: (p: Params) => string
  zh: (p: Params) => string
}
/** A notice with a code: rendered in the UI's language; a plain string is shown as it is. */
export interface Notice {
  code: string
  params: Params
}
export type NoticeItem = string | Notice

const NOUN_ZH: Record<string, string> = {
  street: '街道',
  community: '社区',
  unit: '单元',
  building: '楼栋',
  grid: '网格',
  row: '行',
}
const TABLE_ZH: Record<string, string> = { streets: '街道', communities: '社区', units: '单元' }
const zhNoun = (n: string | number | undefined) => NOUN_ZH[String(n)] ?? String(n ?? '')
/** "X=12|Y=3.5" → the list of neighbours and overlap areas, per language */
const pairsOf = (p: Params) =>
  String(p.pairs ?? '')
    .split('|')
    .filter(Boolean)
    .map((s) => s.split('='))

export const PROBLEM_TEXT: Record<string, Text> = {
  MISSING_VALUE: {
    en: (p) => `${p.field} (${p.fieldZh}) is empty${p.header ? ` in "${p.header}"` : ': not mapped'}`,
    zh: (p) => `${p.fieldZh}为空${p.header ? `（列“${p.header}”）` : '：未对应任何列'}`,
  },
  NOT_A_NUMBER: {
    en: (p) => `${p.field} "${p.value}" is not a number`,
    zh: (p) => `${p.fieldZh}“${p.value}”不是数字`,
  },
  NEGATIVE_COUNT: { en: (p) => `${p.field} ${p.value} is negative`, zh: (p) => `${p.fieldZh} ${p.value} 是负数` },
  NOT_AN_INTEGER: {
    en: (p) => `${p.field} ${p.value} is not a whole number`,
    zh: (p) => `${p.fieldZh} ${p.value} 不是整数`,
  },
  BAD_VALUE: {
    en: (p) => `${p.field} "${p.value}" is not one of ${p.allowed}`,
    zh: (p) => `${p.fieldZh}“${p.value}”不是可选值之一（${p.allowed}）`,
  },
  BAD_CODE: {
    en: (p) => `${p.field} "${p.value}" is not a ${p.digits}-digit ${p.noun} code`,
    zh: (p) => `${p.fieldZh}“${p.value}”不是 ${p.digits} 位${zhNoun(p.noun)}代码`,
  },
  CODE_MISMATCH: {
    en: (p) => `community code ${p.code} does not begin with its street code ${p.street}`,
    zh: (p) => `社区代码 ${p.code} 不以其街道代码 ${p.street} 开头`,
  },
  MISSING_GEOMETRY: { en: () => 'the row has no geometry', zh: () => '该行没有几何图形' },
  BAD_GEOMETRY: { en: (p) => String(p.detail), zh: (p) => `几何图形无法读取：${p.detail}` },
  DUPLICATE_CODE: {
    en: (p) => `${p.field} ${p.key} is also on row ${p.first}`,
    zh: (p) => `${p.key} 与第 ${p.first} 行重复`,
  },
  NO_PARENT: {
    en: (p) => `${p.parent} ${p.code} does not exist: import ${p.table} first`,
    zh: (p) => `${zhNoun(p.parent)} ${p.code} 不存在：请先导入${TABLE_ZH[String(p.table)] ?? p.table}`,
  },
  INVALID_GEOMETRY: { en: (p) => `invalid geometry (${p.reason})`, zh: (p) => `几何图形无效（${p.reason}）` },
  OVERLAP: {
    en: (p) =>
      `overlaps ${pairsOf(p)
        .map(([code, area]) => `${p.noun} ${code} by ${area} m²`)
        .join(', ')}${p.inFile ? ' of the file' : ''}: wider than the ${p.tolerance} m sliver tolerance`,
    zh: (p) =>
      `与${p.inFile ? '文件中' : ''}${pairsOf(p)
        .map(([code, area]) => `${zhNoun(p.noun)} ${code}（${area} m²）`)
        .join('、')}重叠，宽于 ${p.tolerance} 米的碎片容差`,
  },
  OVERLAP_SNAPPED: {
    en: (p) => `overlaps ${p.noun} ${p.other} by ${p.area} m² (a sliver under ${p.tolerance} m)`,
    zh: (p) => `与${zhNoun(p.noun)} ${p.other} 重叠 ${p.area} m²（窄于 ${p.tolerance} 米的碎片）`,
  },
  GAP_SNAPPED: {
    en: (p) => `a sliver gap of ${p.area} m² (under ${p.tolerance} m) between it and ${p.noun} ${p.other}`,
    zh: (p) => `与${zhNoun(p.noun)} ${p.other} 之间有 ${p.area} m² 的细缝（窄于 ${p.tolerance} 米）`,
  },
  OUTSIDE_PARENT: {
    en: (p) => `${p.area} m² lie outside its ${p.parent} beyond the ${p.tolerance} m tolerance`,
    zh: (p) => `有 ${p.area} m² 超出所属${zhNoun(p.parent)}，超过 ${p.tolerance} 米容差`,
  },
  UNKNOWN_TYPE: {
    en: (p) => `facility type "${p.type}" is not in the standards table`,
    zh: (p) => `设施类型“${p.type}”不在标准表中`,
  },
  OUTSIDE_DISTRICT: {
    en: () => 'the point lies in no street of the district: is the CRS right?',
    zh: () => '该点不在本区任何街道内：坐标系是否正确？',
  },
  NO_GRID: { en: () => 'no current grid covers the unit', zh: () => '没有现行网格覆盖该单元' },
  SPLIT_BETWEEN_GRIDS: {
    en: (p) =>
      p.unit
        ? `unit ${p.unit} is split between grids (${p.share}% in ${p.grid})`
        : `the unit is split between grids (${p.share}% in the largest)`,
    zh: (p) =>
      p.unit ? `单元 ${p.unit} 跨多个网格（${p.share}% 在 ${p.grid}）` : `该单元跨多个网格（最大的一个占 ${p.share}%）`,
  },
  UNITS_OUTSIDE_GRIDS: {
    en: (p) => `${p.count} units lie in none of the imported grids`,
    zh: (p) => `${p.count} 个单元不在任何导入的网格内`,
  },
  EMPTY_GRID: {
    en: () => 'the grid holds no unit (most of no unit lies in it)',
    zh: () => '该网格不含任何单元（没有哪个单元的大部分落在其中）',
  },
  TOTALS_DIFFER: {
    en: (p) =>
      `units of ${p.name} (${p.code}) would hold ${p.after} households; the community registers ${p.registered}`,
    zh: (p) => `${p.name}（${p.code}）的单元将合计 ${p.after} 户；社区登记为 ${p.registered} 户`,
  },
  NOT_IN_FILE: {
    en: (p) => `${p.noun} ${p.key}${p.name ? ` (${p.name})` : ''} is stored but the file no longer lists it`,
    zh: (p) => `${zhNoun(p.noun)} ${p.key}${p.name ? `（${p.name}）` : ''}已存储，但文件中不再列出`,
  },
}
PROBLEM_TEXT.GRID_RETIRED = PROBLEM_TEXT.NOT_IN_FILE

export const ACTION_TEXT: Record<string, Text> = {
  ROW_SKIPPED: { en: () => 'row skipped', zh: () => '跳过该行' },
  FIRST_KEPT: { en: () => 'row skipped (the first row is kept)', zh: () => '跳过该行（保留先出现的一行）' },
  REPAIRED: { en: () => 'geometry repaired (ST_MakeValid)', zh: () => '几何图形已修复（ST_MakeValid）' },
  KEPT_AS_DRAWN: {
    en: () => 'kept as drawn: settle the overlap in the editor (the stored unit is not changed)',
    zh: () => '按原样保留：请在编辑器中处理重叠（已存储的单元不变）',
  },
  TRIMMED: { en: (p) => `snapped: trimmed to ${p.other}'s edge`, zh: (p) => `已吸附：裁至 ${p.other} 的边界` },
  FILLED: { en: (p) => `snapped: filled up to ${p.other}'s edge`, zh: (p) => `已吸附：补齐至 ${p.other} 的边界` },
  NO_GRID_YET: {
    en: () => 'left without a grid: settle it in the grid editor',
    zh: () => '暂不归入网格：请在网格编辑器中处理',
  },
  LARGEST_GRID: {
    en: () => 'assigned to the grid holding most of it: check it in the grid editor',
    zh: () => '归入占其面积最大的网格：请在网格编辑器中核对',
  },
  KEEPS_ITS_GRID: {
    en: () => 'it keeps its grid: settle it in the grid editor',
    zh: () => '保留原网格：请在网格编辑器中处理',
  },
  JOINS_LARGEST: {
    en: () => 'the unit joins the grid holding most of it: check it in the grid editor',
    zh: () => '该单元归入占其面积最大的网格：请在网格编辑器中核对',
  },
  KEEP_GRIDS: { en: () => 'they keep their grid', zh: () => '保留原网格' },
  CREATED_EMPTY: { en: () => 'the grid is created empty', zh: () => '网格创建为空' },
  AS_GIVEN: { en: () => 'imported as given: reconcile the register', zh: () => '按文件导入：请核对登记数' },
  RETIRED: {
    en: () => 'retired: the grid holds no unit after the import (its history is kept)',
    zh: () => '已撤销：导入后该网格不含单元（保留其历史）',
  },
  KEPT_GRID: {
    en: (p) => `kept: it still holds ${p.units} units; settle it in the grid editor`,
    zh: (p) => `保留：仍含 ${p.units} 个单元；请在网格编辑器中处理`,
  },
  KEPT: {
    en: () => 'kept: delete or merge it in the editor if it is really gone',
    zh: () => '保留：如确已不存在，请在编辑器中删除或合并',
  },
}

export const NOTICE_TEXT: Record<string, Text> = {
  FORMULAS_KEPT_AS_TEXT: {
    en: (p) =>
      `${p.count} cell(s) began with =, +, - or @ (a spreadsheet formula such as =HYPERLINK(…)): kept as text behind a quote (') so no spreadsheet runs them`,
    zh: (p) =>
      `${p.count} 个单元格以 =、+、- 或 @ 开头（如 =HYPERLINK(…) 之类的表格公式）：已在前面加引号（'）作为文本保存，任何表格软件都不会执行`,
  },
  ZIP_IGNORED: { en: (p) => `ignored in the zip: ${p.names}`, zh: (p) => `压缩包中已忽略：${p.names}` },
  REGISTER_SUMMED: {
    en: (p) => `${p.rows} register rows aggregated to counts for ${p.codes} codes`,
    zh: (p) => `${p.rows} 行登记记录已汇总为 ${p.codes} 个代码的数量`,
  },
  PERSONAL_FOUND: {
    en: (p) =>
      `personal columns found (${p.columns}): they are never stored (a register is summed to counts per unit or building)`,
    zh: (p) => `发现个人信息列（${p.columns}）：这些列永不保存（登记表按单元或楼栋汇总为数量）`,
  },
  PERSONAL_DROPPED: {
    en: (p) => `personal columns dropped, never stored: ${p.columns}`,
    zh: (p) => `个人信息列已丢弃，未保存：${p.columns}`,
  },
  CRS_CONVERTED: {
    en: (p) => `coordinates converted from ${p.crs} to EPSG:4326`,
    zh: (p) => `坐标已从 ${p.crs} 转换为 EPSG:4326`,
  },
  NOT_COMMITTABLE: {
    en: (p) => `committing ${p.layer} is not built yet: this dry run checks the rows only`,
    zh: (p) => `尚不支持提交${p.layerZh}：本次试运行只检查各行`,
  },
}

const render = (table: Record<string, Text>, code: string, params: Params, lang: Lang, fallback: string) => {
  const t = table[code]
  return t ? t[lang](params) : fallback
}

/** A problem worded from the table (English, as stored), with its code and values for the other language. */
export function problem(
  v: { row: number; key: string | null; severity: 'error' | 'warning' },
  code: string,
  params: Params,
  action: string,
  actionParams: Params = {},
): ImportProblem {
  return {
    ...v,
    code,
    message: render(PROBLEM_TEXT, code, params, 'en', code),
    action: render(ACTION_TEXT, action, actionParams, 'en', action),
    params,
    actionCode: action,
    ...(Object.keys(actionParams).length ? { actionParams } : {}),
  }
}

export function notice(code: string, params: Params = {}): Notice {
  return { code, params }
}

/** A problem in the UI's language. */
export function localizeProblem(p: ImportProblem, lang: Lang): ImportProblem {
  if (lang === 'en' || !p.params) return p
  return {
    ...p,
    message: render(PROBLEM_TEXT, p.code, p.params, lang, p.message),
    action: p.actionCode ? render(ACTION_TEXT, p.actionCode, p.actionParams ?? {}, lang, p.action) : p.action,
  }
}

export function noticeText(n: NoticeItem, lang: Lang): string {
  return typeof n === 'string' ? n : render(NOTICE_TEXT, n.code, n.params, lang, n.code)
}

/** ?lang=zh|en first, then the Accept-Language header's first zh or en; Chinese when neither says. */
export function langOf(query: string | undefined, acceptLanguage: string | undefined, fallback: Lang = 'zh'): Lang {
  if (query === 'zh' || query === 'en') return query
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().toLowerCase()
    if (tag.startsWith('zh')) return 'zh'
    if (tag.startsWith('en')) return 'en'
  }
  return fallback
}
