// The attribute table of a shapefile (dBASE III .dbf), read with the platform's TextDecoder.
// The `shapefile` package reads the .shp geometry; its own DBF reader decodes text through the
// pure-JavaScript `text-encoding` polyfill, one field at a time, which was the largest cost of
// reading a district's buildings (ADR 0019). Values are read as that reader reads them, so the
// import sees the same rows: C → trimmed text or null, N/F/B/M → number or null, L → boolean or
// null, D → a local Date; records run until the declared count or a 0x1A end mark.
import type { Cell } from './read-file'
import type { TextEncodingId } from './text-encoding'

interface DbfField {
  name: string
  type: string
  offset: number
  length: number
}

const readNumber = (v: string): number | null => {
  const t = v.trim()
  if (!t) return null
  const n = +t
  return Number.isNaN(n) ? null : n
}

/** Reads every record of a .dbf: one attribute object per record, in file order. */
export function readDbf(dbf: Uint8Array, encoding: TextEncodingId): Record<string, Cell | Date>[] {
  if (dbf.length < 32) throw new Error('the .dbf is shorter than its header')
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength)
  const count = view.getUint32(4, true)
  const headerLength = view.getUint16(8, true)
  const recordLength = view.getUint16(10, true)
  const decoder = new TextDecoder(encoding)
  const fields: DbfField[] = []
  for (let at = 32, offset = 1; at + 32 <= headerLength && dbf[at] !== 0x0d; at += 32) {
    const raw = dbf.subarray(at, at + 11)
    const end = raw.indexOf(0)
    const length = dbf[at + 16]
    fields.push({
      name: decoder.decode(raw.subarray(0, end < 0 ? 11 : end)),
      type: String.fromCharCode(dbf[at + 11]),
      offset,
      length,
    })
    offset += length
  }
  const rows: Record<string, Cell | Date>[] = []
  for (let r = 0, at = headerLength; r < count && at + recordLength <= dbf.length; r++, at += recordLength) {
    if (dbf[at] === 0x1a) break
    const row: Record<string, Cell | Date> = {}
    for (const f of fields) {
      const bytes = dbf.subarray(at + f.offset, at + f.offset + f.length)
      const text = f.type === 'C' ? decoder.decode(bytes) : latin1(bytes)
      if (f.type === 'C') row[f.name] = text.trim() || null
      else if (f.type === 'L') row[f.name] = /^[nf]$/i.test(text) ? false : /^[yt]$/i.test(text) ? true : null
      else if (f.type === 'D')
        row[f.name] = new Date(+text.substring(0, 4), Number(text.substring(4, 6)) - 1, +text.substring(6, 8))
      else if ('BFMN'.includes(f.type)) row[f.name] = readNumber(text)
      else throw new Error(`field ${f.name} has the dBASE type "${f.type}", which is not read`)
    }
    rows.push(row)
  }
  return rows
}

/** Numbers, dates and flags are ASCII: no decoder needed. */
function latin1(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i])
  return s
}
