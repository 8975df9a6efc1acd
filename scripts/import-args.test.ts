import { describe, expect, it } from 'vitest'
import { IMPORT_HELP, parseImportArgs } from './import-args'

describe('npm run import arguments', () => {
  it('reads a file, its layer, CRS, encoding and column overrides', () => {
    expect(
      parseImportArgs(
        [
          'units.zip',
          '--layer',
          'units',
          '--crs',
          'GCJ-02',
          '--encoding',
          'GBK',
          '--map',
          'communityCode=社区',
          '--map',
          'kind=',
        ],
        { USER: 'li' },
      ),
    ).toEqual({
      file: 'units.zip',
      layer: 'units',
      crs: 'GCJ-02',
      encoding: 'gb18030',
      map: { communityCode: '社区', kind: null },
      author: 'li',
      reason: '',
      dryRun: false,
    })
  })

  it('names the bad value', () => {
    expect(() => parseImportArgs(['a.csv', '--layer', 'houses'])).toThrow(/--layer must be one of streets.*"houses"/)
    expect(() => parseImportArgs(['a.csv'])).toThrow(/--layer is required/)
    expect(() => parseImportArgs(['a.csv', '--layer', 'units', '--lnglat', 'x'])).toThrow(/two columns/)
    expect(() => parseImportArgs(['a.csv', '--layer', 'units', '--colour', 'red'])).toThrow(/unknown option "--colour"/)
  })

  it('--help lists every layer in loading order', () => {
    expect(parseImportArgs(['--help'])).toBe('help')
    expect(IMPORT_HELP).toMatch(
      /streets \| communities \| units \| buildings \| counts \| workers \| grids \| facilities/,
    )
  })
})
