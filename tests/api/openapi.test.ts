// The served OpenAPI document (ADR 17): `redocly lint` finds no error in it, every operation is
// named once, and the media types are the real ones.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
let doc: {
  paths: Record<string, Record<string, { operationId?: string; responses: Record<string, { content?: object }> }>>
}
beforeAll(async () => {
  ctx = await startTestApp()
  doc = (await ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json()
})
afterAll(() => ctx?.close())

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
  )

it('passes redocly lint with no errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wangge-openapi-'))
  try {
    const file = join(dir, 'openapi.json')
    writeFileSync(file, JSON.stringify(doc))
    const bin = join(process.cwd(), 'node_modules/.bin/redocly')
    const run = await promisify(execFile)(bin, ['lint', file, '--format=json', '--max-problems=1000'], {
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((e: { stdout: string }) => e)
    const problems = (JSON.parse(run.stdout) as { problems: { severity: string; ruleId: string; message: string }[] })
      .problems
    const errors = problems.filter((p) => p.severity === 'error')
    console.log(
      `[openapi] ${operations().length} operations; redocly: ${errors.length} errors, ${problems.length - errors.length} warnings`,
    )
    expect(errors.map((e) => `${e.ruleId}: ${e.message}`)).toEqual([])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 120_000)

it('names every operation, once', () => {
  const ids = operations().map(({ op }) => op.operationId)
  expect(ids.filter((id) => !id)).toEqual([])
  expect(new Set(ids).size).toBe(ids.length)
})

it('declares the real media types: GeoJSON, MVT, zip, CSV, and problems for errors', () => {
  const types = (path: string, status = '200') => Object.keys(doc.paths[path].get.responses[status]?.content ?? {})
  expect(types('/api/grids')).toEqual(['application/geo+json'])
  expect(types('/api/tiles/{layer}/{z}/{x}/{y}.mvt')).toEqual(['application/vnd.mapbox-vector-tile'])
  expect(types('/api/exports/{layer}')).toEqual(
    expect.arrayContaining([
      'application/geo+json',
      'text/csv',
      'application/zip',
      'application/geopackage+sqlite3',
      'application/flatgeobuf',
    ]),
  )
  expect(Object.keys(doc.paths['/api/exports/siting'].post.responses['200']?.content ?? {})).toContain(
    'application/geopackage+sqlite3',
  )
  expect(types('/report/tables')).toEqual(
    expect.arrayContaining(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv']),
  )
  expect(types('/api/equity/indicators.csv')).toEqual(['text/csv'])
  for (const { path, method, op } of operations())
    for (const [status, response] of Object.entries(op.responses))
      if (/^[45]/.test(status) && response.content)
        expect(Object.keys(response.content), `${method} ${path} ${status}`).toEqual(['application/problem+json'])
})
