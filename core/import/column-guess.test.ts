import { describe, expect, it } from 'vitest'
import { guessColumns, normaliseHeader } from './column-guess'
import { importLayer } from './layers'

describe('guessColumns', () => {
  it('maps the headers of a compound list exported from a register (Chinese)', () => {
    const guess = guessColumns(importLayer('units'), [
      '序号',
      '小区名称',
      '小区编码',
      '所属社区代码',
      '户数（户）',
      '常住人口(人)',
    ])
    expect(guess.fields).toEqual({
      code: '小区编码',
      name: '小区名称',
      communityCode: '所属社区代码',
      kind: null,
      households: '户数（户）',
      residents: '常住人口(人)',
    })
    expect(guess.unmapped).toEqual(['序号'])
    expect(guess.personal).toEqual([])
  })

  it('maps English headers and finds lng/lat or WKT coordinates', () => {
    const guess = guessColumns(importLayer('facilities'), ['Name', 'Type', 'Floor_Area', 'lng', 'lat', 'status'])
    expect(guess.fields).toMatchObject({ name: 'Name', typeCode: 'Type', floorAreaM2: 'Floor_Area', status: 'status' })
    expect(guess.coordinates).toEqual({ kind: 'lnglat', x: 'lng', y: 'lat' })
    const wkt = guessColumns(importLayer('units'), ['code', 'name', 'WKT'])
    expect(wkt.coordinates).toEqual({ kind: 'wkt', column: 'WKT' })
    expect(guessColumns(importLayer('facilities'), ['名称', '经度', '纬度']).coordinates).toEqual({
      kind: 'lnglat',
      x: '经度',
      y: '纬度',
    })
  })

  it('prefers an exact header over one that only contains a synonym, and maps each header once', () => {
    const guess = guessColumns(importLayer('communities'), ['社区代码', '街道代码', '社区名称', '总户数', '户数备注'])
    expect(guess.fields.code).toBe('社区代码')
    expect(guess.fields.streetCode).toBe('街道代码')
    expect(guess.fields.households).toBe('总户数')
    expect(guess.unmapped).toEqual(['户数备注'])
  })

  it('names personal columns by header and by what their values look like', () => {
    const rows = [
      { 姓名: '张三', 证件: '120107198001011234', 备注: '13812345678', 小区编码: 'U1' },
      { 姓名: '李四', 证件: '12010719800101123X', 备注: '022-25801234', 小区编码: 'U1' },
    ]
    const guess = guessColumns(importLayer('counts'), ['姓名', '证件', '备注', '小区编码'], rows)
    expect(guess.personal).toEqual(['姓名', '证件', '备注'])
    expect(guess.fields.code).toBe('小区编码')
  })

  it('normalises headers', () => {
    expect(normaliseHeader(' Floor_Area (m²) ')).toBe('floorarea')
    expect(normaliseHeader('户数（户）')).toBe('户数')
  })
})
