// Long analysis off the request path (issue 13, ADR 25): exact siting solves and grid proposals
// run in a worker thread, so the event loop keeps answering reads while HiGHS works. A pool of
// one worker (WANGGE_ANALYSIS_WORKERS, default 1: the demo machine has two cores), started on
// first use and unref'd; tasks queue in order. A task's error comes back as an Error with the
// worker's message (core's validation messages, which routes turn into 400s). Where no worker
// can start, or with WANGGE_ANALYSIS_WORKERS=0, the task runs in the calling thread.
import { Worker } from 'node:worker_threads'
import type { AnalysisTasks } from './analysis-tasks'

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

interface Slot {
  worker: Worker
  pending: Map<number, Pending>
}

const ENTRY = new URL('./analysis-worker.mjs', import.meta.url)
const size = (() => {
  const n = Number(process.env.WANGGE_ANALYSIS_WORKERS ?? 1)
  return Number.isInteger(n) && n >= 0 && n <= 16 ? n : 1
})()
const slots: Slot[] = []
let nextId = 1
let turn = 0

function startSlot(): Slot {
  const worker = new Worker(ENTRY)
  worker.unref()
  const slot: Slot = { worker, pending: new Map() }
  worker.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    const p = slot.pending.get(m.id)
    if (!p) return
    slot.pending.delete(m.id)
    if (m.error !== undefined) p.reject(new Error(m.error))
    else p.resolve(m.result)
  })
  const fail = (error: Error) => {
    for (const p of slot.pending.values()) p.reject(error)
    slot.pending.clear()
    slots.splice(slots.indexOf(slot), 1)
  }
  worker.on('error', fail)
  worker.on('exit', (code) => {
    if (slots.includes(slot)) fail(new Error(`the analysis worker stopped (exit code ${code})`))
  })
  return slot
}

/** Runs one analysis task in the worker pool (or here, with no pool), resolving to its result. */
export async function runAnalysis<T extends keyof AnalysisTasks>(task: T, args: AnalysisTasks[T]): Promise<unknown> {
  if (size === 0) {
    const { runTask } = await import('./analysis-tasks')
    return runTask(task, args)
  }
  if (slots.length < size) slots.push(startSlot())
  const slot = slots[turn++ % slots.length]
  const id = nextId++
  return new Promise((resolve, reject) => {
    slot.pending.set(id, { resolve, reject })
    // the first task keeps the process alive until it is answered
    slot.worker.ref()
    slot.worker.postMessage({ id, task, args })
  }).finally(() => {
    if (slot.pending.size === 0) slot.worker.unref()
  })
}

/** Stops the workers (tests and the server's shutdown). */
export async function stopAnalysisWorkers(): Promise<void> {
  const all = slots.splice(0)
  await Promise.all(all.map((s) => s.worker.terminate()))
}
