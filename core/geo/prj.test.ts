import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { crsFromPrj, parseWkt } from './prj'

// fixtures/prj: the .prj text PROJ 9.1.1 writes for each CRS in three dialects
//   projinfo EPSG:<code> -o WKT1_ESRI|WKT1_GDAL|WKT2_2019 -q --single-line
const dir = new URL('./fixtures/prj/', import.meta.url)
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.prj'))

describe('crsFromPrj on the .prj of every dialect', () => {
  for (const file of fixtures) {
    const code = Number(/^epsg-(\d+)\./.exec(file)![1])
    it(`${file} → ${code === 2383 ? 'not read (Xian 1980)' : `EPSG:${code}`}`, () => {
      const reading = crsFromPrj(readFileSync(new URL(file, dir), 'utf8'))
      if (code === 2383) {
        expect(reading.crs).toBeNull()
        expect(reading.reason).toMatch(/Xian|2383/i)
      } else expect(reading.crs?.code).toBe(`EPSG:${code}`)
    })
  }

  it('recognises an Esri Gauss-Krüger .prj by content (no authority in it)', () => {
    const esri = readFileSync(new URL('epsg-4548.wkt1-esri.prj', dir), 'utf8')
    expect(esri).not.toMatch(/AUTHORITY|\bID\[/)
    expect(crsFromPrj(esri).reason).toMatch(/CM 117°E/)
    // the same zone with the zone number before the easting
    const zone = esri.replace('500000.0', '39500000.0')
    expect(crsFromPrj(zone).crs?.code).toBe('EPSG:4527')
    // a false easting of neither kind is not guessed
    expect(crsFromPrj(esri.replace('500000.0', '400000.0')).crs).toBeNull()
  })

  it('says why it reads nothing from broken text', () => {
    expect(crsFromPrj('PROJCS["x",GEOGCS[').reason).toMatch(/not readable WKT/)
    expect(crsFromPrj('').reason).toMatch(/not readable WKT/)
  })
})

describe('parseWkt', () => {
  it('reads nested nodes, strings with quotes, numbers and bare words', () => {
    const n = parseWkt('AXIS["Easting ""E""",east,ORDER[1]]')
    expect(n).toEqual({ keyword: 'AXIS', values: ['Easting "E"', 'east', { keyword: 'ORDER', values: [1] }] })
    expect(parseWkt('UNIT("metre", 1.0E0)')).toEqual({ keyword: 'UNIT', values: ['metre', 1] })
    expect(() => parseWkt('UNIT["metre",1]]')).toThrow(/character 15: text after the end/)
  })
})
