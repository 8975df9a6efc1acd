// Parses `npm run import -- <file> --layer … [options]`, with the bad value in the message.
import { IMPORT_LAYERS } from '../core/import/layers'

export const IMPORT_HELP = `Usage: npm run import -- <file> --layer <layer> [options]

Loads one file into Wangge: upload, dry run (a report of every problem), then commit as one
revision unless --dry-run. Goes through the running server when there is one (the embedded
database belongs to one process), else opens the database itself (DATABASE_URL or WANGGE_DATA_DIR).

  <file>                 .zip (shapefile: .shp .shx .dbf [.prj .cpg]), .geojson/.json, .fgb, .csv or .xlsx
  --layer <layer>        ${IMPORT_LAYERS.map((l) => l.id).join(' | ')}
                         (load a district in this order)
  --crs <crs>            source CRS when the file has no .prj or it is wrong: EPSG:4326, EPSG:4490,
                         EPSG:3857, EPSG:4513–4554 (CGCS2000 Gauss-Krüger), GCJ-02, BD-09
  --encoding <enc>       attribute text encoding: utf-8 or gbk (guessed when absent)
  --sheet <name>         the layer or sheet in the file (the first when absent)
  --map <field>=<column> set or override a guessed column (repeat); --map <field>= unmaps it
  --lnglat <x>,<y>       longitude and latitude columns of a table
  --wkt <column>         a column of WKT geometry
  --tolerance <m>        how far a unit may stick out of its community (5)
  --author <name>        who commits (default: $USER)
  --reason <text>        why
  --dry-run              report only, write nothing
  --problems <file.csv>  write every problem to a CSV file
  --server <url>         the server to go through (default http://127.0.0.1:$PORT, when it answers)
  --help                 this text
`

export interface ImportArgs {
  file: string
  layer: string
  crs?: string
  encoding?: 'utf-8' | 'gb18030'
  sheet?: string
  map: Record<string, string | null>
  lnglat?: { x: string; y: string }
  wkt?: string
  toleranceM?: number
  author: string
  reason: string
  dryRun: boolean
  problems?: string
  server?: string
}

export function parseImportArgs(argv: string[], env: NodeJS.ProcessEnv = {}): ImportArgs | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help'
  const out: Partial<ImportArgs> & { map: Record<string, string | null> } = {
    map: {},
    dryRun: false,
    author: env.USER || 'cli',
    reason: '',
  }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    if (!flag.startsWith('--')) {
      if (out.file) throw new Error(`one file at a time: "${out.file}" and "${flag}"`)
      out.file = flag
      continue
    }
    if (flag === '--dry-run') {
      out.dryRun = true
      continue
    }
    const value = argv[++i]
    if (value === undefined) throw new Error(`${flag} needs a value`)
    switch (flag) {
      case '--layer':
        if (!IMPORT_LAYERS.some((l) => l.id === value))
          throw new Error(`--layer must be one of ${IMPORT_LAYERS.map((l) => l.id).join(', ')}, got "${value}"`)
        out.layer = value
        break
      case '--crs':
        out.crs = value
        break
      case '--encoding': {
        const v = value.toLowerCase()
        if (['utf-8', 'utf8'].includes(v)) out.encoding = 'utf-8'
        else if (['gbk', 'gb18030', 'gb2312', 'cp936'].includes(v)) out.encoding = 'gb18030'
        else throw new Error(`--encoding must be utf-8 or gbk, got "${value}"`)
        break
      }
      case '--sheet':
        out.sheet = value
        break
      case '--map': {
        const eq = value.indexOf('=')
        if (eq <= 0) throw new Error(`--map needs field=column, got "${value}"`)
        out.map[value.slice(0, eq)] = value.slice(eq + 1) || null
        break
      }
      case '--lnglat': {
        const [x, y, extra] = value.split(',')
        if (!x || !y || extra !== undefined) throw new Error(`--lnglat needs two columns "x,y", got "${value}"`)
        out.lnglat = { x, y }
        break
      }
      case '--wkt':
        out.wkt = value
        break
      case '--tolerance': {
        const n = Number(value)
        if (!(n >= 0 && n <= 1000)) throw new Error(`--tolerance must be 0–1000 metres, got "${value}"`)
        out.toleranceM = n
        break
      }
      case '--author':
        out.author = value
        break
      case '--reason':
        out.reason = value
        break
      case '--problems':
        out.problems = value
        break
      case '--server':
        out.server = value.replace(/\/$/, '')
        break
      default:
        throw new Error(`unknown option "${flag}" (npm run import -- --help)`)
    }
  }
  if (!out.file) throw new Error('which file? npm run import -- <file> --layer <layer> (--help for more)')
  if (!out.layer) throw new Error('--layer is required: which layer does the file hold? (--help)')
  return out as ImportArgs
}
