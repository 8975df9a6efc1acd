// The analysis worker's entry (ADR 25): plain JavaScript, so it starts the same under `npm start`
// (tsx), vitest and the benches; it registers tsx in the worker and loads the TypeScript tasks.
import { register } from 'tsx/esm/api'

register()
await import('./analysis-tasks.ts')
