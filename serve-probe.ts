import { readFileSync, readdirSync, statSync } from 'node:fs'
import { buildApp } from './server/app'
import { openDatabase } from './server/db/engine'
const f = readdirSync('.cache/test-templates').filter((x) => x.endsWith('.tgz')).sort((a, b) => statSync(`.cache/test-templates/${b}`).mtimeMs - statSync(`.cache/test-templates/${a}`).mtimeMs)[0]
console.log(f)
const database = await openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(`.cache/test-templates/${f}`)]) })
const app = await buildApp({ database, logLevel: 'silent' })
await app.listen({ port: 8157, host: '127.0.0.1' })
console.log('ready')
