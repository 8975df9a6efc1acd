import { readFileSync } from 'node:fs'
import { unzipSync } from 'fflate'
import { openDbf } from 'shapefile'
import { describe, expect, it } from 'vitest'
import { writeShapefileZip } from '../../tests/support/world-files'
import { readDbf } from './dbf'

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)))
const dbfOf = (zip: Uint8Array) => Object.entries(unzipSync(zip)).find(([n]) => n.toLowerCase().endsWith('.dbf'))![1]

/** What the `shapefile` package's own DBF reader makes of the same bytes (the reader dbf.ts replaces). */
async function reference(dbf: Uint8Array, encoding: string) {
  const source = await openDbf(dbf, { encoding })
  const rows: unknown[] = []
  for (let r = await source.read(); !r.done; r = await source.read()) rows.push(r.value)
  return rows
}

describe('readDbf', () => {
  it('reads a GBK attribute table as the shapefile package does: Chinese names, numbers, nulls', async () => {
    const dbf = dbfOf(fixture('units-gcj02-gbk.zip'))
    const rows = readDbf(dbf, 'gb18030')
    expect(rows.length).toBeGreaterThan(0)
    expect(rows).toEqual(await reference(dbf, 'gb18030'))
    expect(Object.values(rows[0]).some((v) => typeof v === 'string' && /[\u4e00-\u9fff]/.test(v))).toBe(true)
  })

  it('reads UTF-8 text, empty cells and numbers with decimals as the shapefile package does', async () => {
    const zip = writeShapefileZip(
      [
        { name: '滨海小区', households: 120, area: 3.25 },
        { name: '', households: null, area: 0 },
        { name: 'Binhai "East"', households: 0, area: -1.5 },
      ].map((properties, i) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [117.7 + i / 100, 39] },
        properties,
      })),
      { name: 'units', encoding: 'utf-8', cpg: true, prj: null },
    )
    const dbf = dbfOf(new Uint8Array(zip))
    const rows = readDbf(dbf, 'utf-8')
    expect(rows).toEqual(await reference(dbf, 'utf-8'))
    expect(rows.map((r) => r.name)).toEqual(['滨海小区', null, 'Binhai "East"'])
  })

  it('refuses a file shorter than its header', () => {
    expect(() => readDbf(new Uint8Array(10), 'utf-8')).toThrow(/shorter than its header/)
  })
})
