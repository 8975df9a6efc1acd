// Live changes: an in-process bus that routes publish to, and GET /api/events streams to every
// open map and wall display as server-sent events. A client that loses the connection
// reconnects by itself (EventSource) and refetches what it shows.
import { EventEmitter } from 'node:events'
import type { FastifyInstance } from 'fastify'

export interface ChangeEvent {
  /** what changed: 'grids' | 'facilities' | 'communities' | … */
  kind: string
  /** the community or street it happened in, when there is one */
  communityCode?: string | null
  streetCode?: string | null
  /** ids of the changed features */
  ids?: Array<number | string>
  /** a revision id, when the change wrote one */
  revisionId?: number
  at?: string
}

export class EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0)
  private seq = 0
  publish(event: ChangeEvent) {
    this.seq++
    this.emitter.emit('change', { ...event, at: event.at ?? new Date().toISOString(), seq: this.seq })
  }
  subscribe(listener: (event: ChangeEvent & { seq: number }) => void): () => void {
    this.emitter.on('change', listener)
    return () => this.emitter.off('change', listener)
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    events: EventBus
  }
}

const HEARTBEAT_MS = 15_000

export function registerEvents(app: FastifyInstance) {
  app.decorate('events', new EventBus())
  const open = new Set<() => void>()
  // on shutdown, end every stream so clients reconnect to the next server (preClose: the
  // server waits for open connections before onClose hooks run, so onClose would never come)
  app.addHook('preClose', async () => {
    for (const end of open) end()
  })
  app.get(
    '/api/events',
    {
      config: { permission: 'read' },
      schema: { tags: ['system'], summary: 'Server-sent events: one `change` event per saved edit' },
    },
    (request, reply) => {
      reply.hijack()
      const res = reply.raw
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      res.write('retry: 2000\n\n')
      res.write(`event: hello\ndata: ${JSON.stringify({ at: new Date().toISOString() })}\n\n`)
      const unsubscribe = app.events.subscribe((event) => {
        res.write(`id: ${event.seq}\nevent: change\ndata: ${JSON.stringify(event)}\n\n`)
      })
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS)
      const close = () => {
        clearInterval(heartbeat)
        unsubscribe()
        open.delete(end)
      }
      const end = () => {
        close()
        res.end()
      }
      open.add(end)
      request.raw.on('close', close)
    },
  )
}
