import { describe, expect, it } from 'vitest'
import type { ImportUploadResult, SourceLayer } from '../../../../core/api'
import {
  dryRunRequest,
  initialChoices,
  missingChoices,
  namesToCheck,
  withCoordinates,
  withField,
  withTarget,
} from './wizard-state'

const units: SourceLayer = {
  name: 'units',
  geometryType: 'polygon',
  featureCount: 3,
  headers: ['BM', '小区名称', 'SQDM', 'DJHS', '户主姓名'],
  sample: [
    { BM: 'u1', 小区名称: '海滨花园', SQDM: '120116001001', DJHS: 120, 户主姓名: '张三' },
    { BM: 'u2', 小区名称: '\uFFFD\uFFFD小区', SQDM: '120116001001', DJHS: 80, 户主姓名: '李四' },
  ],
  crs: { code: null, source: 'none', reason: 'no .prj' },
  encoding: { encoding: 'gb18030', source: 'content', garbled: false },
  extent: [117.6, 39, 117.7, 39.1],
  guesses: {
    units: {
      fields: { code: 'BM', name: '小区名称', communityCode: 'SQDM', kind: null, households: null, residents: null },
      coordinates: null,
      personal: ['户主姓名'],
      unmapped: ['DJHS'],
    },
    counts: {
      fields: { code: 'BM', households: null, residents: null },
      coordinates: null,
      personal: ['户主姓名'],
      unmapped: [],
    },
  },
  suggestedTarget: 'units',
}
const upload: ImportUploadResult = {
  id: 7,
  filename: 'units.zip',
  format: 'shapefile',
  sizeBytes: 1000,
  layers: [units],
  notices: [],
}

describe('the wizard choices', () => {
  it("start from the server's suggested target, mapping guess, CRS and encoding", () => {
    const c = initialChoices(upload)
    expect(c.target).toBe('units')
    expect(c.mapping.fields).toMatchObject({ code: 'BM', name: '小区名称', communityCode: 'SQDM', households: null })
    expect(c.crs).toBe('')
    expect(c.encoding).toBe('gb18030')
  })

  it('ask for the CRS a file does not declare, and for the required fields the guess missed', () => {
    const c = initialChoices(upload)
    expect(missingChoices(c, units)).toEqual([{ kind: 'crs' }])
    const noName = withField(c, 'name', null)
    expect(missingChoices(noName, units)).toEqual([{ kind: 'field', field: 'name' }, { kind: 'crs' }])
    expect(missingChoices({ ...c, crs: 'GCJ-02' }, units)).toEqual([])
  })

  it('ask a table without geometry for its coordinate columns', () => {
    const table: SourceLayer = { ...units, geometryType: 'none' }
    const c = { ...initialChoices({ ...upload, layers: [table] }), crs: 'EPSG:4326' }
    expect(missingChoices(c, table)).toEqual([{ kind: 'coordinates' }])
    expect(missingChoices(withCoordinates(c, { kind: 'wkt', column: 'BM' }), table)).toEqual([])
  })

  it('fix one mapping and send it with the declared CRS, encoding and tolerances', () => {
    const c = withField({ ...initialChoices(upload), crs: 'GCJ-02', sliverM: 2 }, 'households', 'DJHS')
    expect(dryRunRequest(c)).toEqual({
      sourceLayer: 'units',
      target: 'units',
      mapping: {
        fields: {
          code: 'BM',
          name: '小区名称',
          communityCode: 'SQDM',
          kind: null,
          households: 'DJHS',
          residents: null,
        },
        coordinates: null,
      },
      crs: 'GCJ-02',
      encoding: 'gb18030',
      tolerances: { containmentM: 5, sliverM: 2 },
    })
  })

  it("start the mapping again from the server's guess when the target changes", () => {
    const c = withTarget(withField(initialChoices(upload), 'households', 'DJHS'), units, 'counts')
    expect(c.target).toBe('counts')
    expect(c.mapping.fields).toEqual({ code: 'BM', households: null, residents: null })
  })
})

describe('the names to check for a wrong encoding', () => {
  it("flag garbled names in the upload's sample", () => {
    const { names, stale } = namesToCheck(units, initialChoices(upload), null)
    expect(stale).toBe(false)
    expect(names.map((n) => n.garbled)).toEqual([false, true])
  })

  it('say the sample is stale when another encoding is chosen, and show the dry run names once it ran with it', () => {
    const utf8 = { ...initialChoices(upload), encoding: 'utf-8' as const }
    expect(namesToCheck(units, utf8, null).stale).toBe(true)
    const ran = namesToCheck(units, utf8, { encoding: 'utf-8', names: ['海滨花园', 'ºÓ±õ'] })
    expect(ran.stale).toBe(false)
    expect(ran.names).toEqual([
      { row: 1, name: '海滨花园', garbled: false },
      { row: 2, name: 'ºÓ±õ', garbled: true },
    ])
  })
})
