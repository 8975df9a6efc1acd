// A first guess at which column holds which field, from the header names (Chinese or English)
// and a sample of values; the user confirms or changes it. Columns that hold personal data
// (names of people, ID numbers, phone numbers) are named so they can be dropped before storing.
//   1. normalise headers: lower case, no spaces/underscores/hyphens, no trailing "(unit)";
//   2. score each (field, header): exact synonym 1, a header containing a synonym 0.5;
//   3. assign greedily, best score first, each header to one field at most;
//   4. coordinates: a longitude/latitude pair, else a WKT column;
//   5. personal: by header, or by values (≥ half of the sample look like ID or phone numbers).
import { COORDINATE_HEADERS, type ImportLayer } from './layers'

export interface ColumnGuess {
  /** field id → header, or null when no header fits */
  fields: Record<string, string | null>
  coordinates: { kind: 'lnglat'; x: string; y: string } | { kind: 'wkt'; column: string } | null
  /** headers that hold personal data: never stored */
  personal: string[]
  /** headers left over, neither mapped nor personal */
  unmapped: string[]
}

export function normaliseHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[（(［[【].*?[)）］\]】]$/u, '') // "户数（户）" → "户数"
    .replace(/[\s_\-.·]/g, '')
}

const PERSONAL_HEADERS = [
  '姓名',
  '户主',
  '户主姓名',
  '居民姓名',
  '联系人',
  '身份证',
  '身份证号',
  '身份证号码',
  '公民身份号码',
  '证件号码',
  '证件号',
  '手机',
  '手机号',
  '手机号码',
  '电话',
  '联系电话',
  '电话号码',
  '联系方式',
  '出生日期',
  '出生年月',
  '性别',
  '民族',
  '工作单位',
  'idcard',
  'idnumber',
  'identitynumber',
  'phone',
  'mobile',
  'telephone',
  'tel',
  'birthdate',
  'dateofbirth',
  'personname',
  'fullname',
  'surname',
  'gender',
  'sex',
]
const ID_NUMBER = /^\d{17}[\dXx]$/
const PHONE = /^(\+?86)?1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/

/** True when at least half of the non-empty sample values look like ID card or phone numbers. */
function looksPersonal(values: unknown[]): boolean {
  const texts = values.map((v) => String(v ?? '').replace(/\s/g, '')).filter((v) => v !== '')
  if (texts.length === 0) return false
  const hits = texts.filter((v) => ID_NUMBER.test(v) || PHONE.test(v)).length
  return hits * 2 >= texts.length
}

function score(synonyms: readonly string[], header: string): number {
  if (synonyms.includes(header)) return 1
  return synonyms.some((s) => s.length >= 2 && header.includes(s)) ? 0.5 : 0
}

export function guessColumns(
  layer: ImportLayer,
  headers: readonly string[],
  sample: readonly Record<string, unknown>[] = [],
): ColumnGuess {
  const norm = new Map(headers.map((h) => [h, normaliseHeader(h)]))
  const personal = headers.filter(
    (h) => PERSONAL_HEADERS.includes(norm.get(h)!) || looksPersonal(sample.map((row) => row[h])),
  )
  const free = new Set(headers.filter((h) => !personal.includes(h)))

  // coordinates first: "x"/"y" would otherwise be read as codes or counts by the contains rule
  let coordinates: ColumnGuess['coordinates'] = null
  const exact = (synonyms: readonly string[]) => [...free].find((h) => synonyms.includes(norm.get(h)!))
  const x = exact(COORDINATE_HEADERS.x)
  const y = exact(COORDINATE_HEADERS.y)
  const wkt = exact(COORDINATE_HEADERS.wkt)
  if (x && y) coordinates = { kind: 'lnglat', x, y }
  else if (wkt) coordinates = { kind: 'wkt', column: wkt }
  if (coordinates?.kind === 'lnglat') {
    free.delete(coordinates.x)
    free.delete(coordinates.y)
  } else if (coordinates) free.delete(coordinates.column)

  const candidates: { field: string; header: string; score: number; order: number }[] = []
  layer.fields.forEach((field, order) => {
    for (const header of free) {
      const s = score(field.headers, norm.get(header)!)
      if (s > 0) candidates.push({ field: field.id, header, score: s, order })
    }
  })
  candidates.sort((a, b) => b.score - a.score || a.order - b.order)
  const fields: Record<string, string | null> = Object.fromEntries(layer.fields.map((fd) => [fd.id, null]))
  for (const c of candidates) {
    if (fields[c.field] !== null || !free.has(c.header)) continue
    fields[c.field] = c.header
    free.delete(c.header)
  }
  return { fields, coordinates, personal, unmapped: [...free] }
}
