// Vector tiles of the heavy layers, on both engines (ADR 15): ST_AsMVT on a PostgreSQL server;
// on the embedded engine (PGlite's PostGIS has no protobuf) a GeoJSONVT index per layer built in
// memory from one query and encoded with vt-pbf. Tiles are cached by ETag; an edit announced on
// the event bus moves only the tiles of the box it touched to a new revision.
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt'
import { fromGeojsonVt } from '@maplibre/vt-pbf'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Bbox } from '../../../core/api'
import { bboxesTouch, MAX_TILE_ZOOM, type TileCoord, tileBbox } from '../../../core/tiles/tile-math'
import type { EngineKind } from '../../db/engine'
import type { Database } from '../../db/schema'
import type { ChangeEvent, EventBus } from '../../plugins/events'
import { TileBytesCache, TileRevisions } from './tile-cache'
import {
  communityExtent,
  districtBounds,
  latestRevision,
  layerGeoJson,
  mvtTile,
  revisionExtent,
  TILE_BUFFER,
  TILE_EXTENT,
  TILE_LAYERS,
  type TileLayer,
} from './tiles.repository'

/** Tile bytes held for re-serving (tiles of the demo district are a few kB each). */
const CACHE_BYTES = 64 * 1024 * 1024

export interface ServedTile {
  etag: string
  revision: number
  body: Uint8Array
}

/** The layers each kind of change event can alter; an unknown kind alters every layer. */
const LAYERS_OF_CHANGE: Record<string, TileLayer[]> = {
  grids: ['grids', 'units'],
  facilities: ['facilities'],
}

interface LayerIndex {
  tiler: GeoJSONVT
  /** each feature's lng/lat box, by id */
  boxes: Map<number, Bbox>
}

function geometryBbox(geometry: GeoJSON.Geometry): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity]
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as number[]
      if (x < box[0]) box[0] = x
      if (y < box[1]) box[1] = y
      if (x > box[2]) box[2] = x
      if (y > box[3]) box[3] = y
    } else for (const inner of c as unknown[]) visit(inner)
  }
  if (geometry.type === 'GeometryCollection') for (const g of geometry.geometries) visit(geometryBbox(g).slice(0, 2))
  else visit(geometry.coordinates)
  return box
}

export class TileService {
  private revisions?: Promise<TileRevisions>
  private readonly cache = new TileBytesCache(CACHE_BYTES)
  private readonly indexes = new Map<TileLayer, Promise<LayerIndex>>()
  /** edits whose extent is still being read: tiles wait for them, so no stale tile is served after an edit */
  private pending: Promise<void> = Promise.resolve()

  constructor(
    private readonly db: Kysely<Database>,
    readonly engine: EngineKind,
  ) {}

  private revisionsReady(): Promise<TileRevisions> {
    if (!this.revisions) {
      const revisions = latestRevision(this.db).then((base) => new TileRevisions(base))
      revisions.catch(() => {
        if (this.revisions === revisions) this.revisions = undefined // read again next time
      })
      this.revisions = revisions
    }
    return this.revisions
  }

  /** The tile, its revision and ETag; served from the cache when its revision has not moved. */
  async tile(layer: TileLayer, tile: TileCoord): Promise<ServedTile> {
    await this.pending
    const revisions = await this.revisionsReady()
    const revision = revisions.of(layer, tile)
    const etag = `"${layer}-${tile.z}-${tile.x}-${tile.y}-r${revision}"`
    let body = this.cache.get(etag)
    if (!body) {
      body = await this.encode(layer, tile)
      this.cache.set(etag, body)
    }
    return { etag, revision, body }
  }

  /** The tile's ETag without encoding it (for conditional requests). */
  async etagOf(layer: TileLayer, tile: TileCoord): Promise<string> {
    await this.pending
    const revision = (await this.revisionsReady()).of(layer, tile)
    return `"${layer}-${tile.z}-${tile.x}-${tile.y}-r${revision}"`
  }

  /** Encodes one tile, bypassing the cache (the benchmark's cold path). */
  encode(layer: TileLayer, tile: TileCoord): Promise<Uint8Array> {
    return this.engine === 'postgres' ? mvtTile(this.db, layer, tile) : this.encodeInMemory(layer, tile)
  }

  private async encodeInMemory(layer: TileLayer, { z, x, y }: TileCoord): Promise<Uint8Array> {
    const { tiler, boxes } = await this.index(layer)
    const vt = tiler.getTile(z, x, y)
    if (!vt) return new Uint8Array(0)
    // the rule ST_AsMVT's query and the API's bbox follow: a feature whose box meets the tile
    // (geojson-vt also hands over those only in the tile's buffer)
    const box = tileBbox({ z, x, y })
    const features = vt.features.filter((f) => bboxesTouch(boxes.get(Number(f.id))!, box))
    if (features.length === 0) return new Uint8Array(0)
    return fromGeojsonVt(
      { [layer]: { ...vt, features } as unknown as GeoJSONVTTile },
      { version: 2, extent: TILE_EXTENT },
    )
  }

  private index(layer: TileLayer): Promise<LayerIndex> {
    let index = this.indexes.get(layer)
    if (!index) {
      index = layerGeoJson(this.db, layer).then((text) => {
        const fc = JSON.parse(text) as GeoJSON.FeatureCollection
        const boxes = new Map<number, Bbox>()
        for (const f of fc.features) boxes.set(Number(f.id), geometryBbox(f.geometry))
        const tiler = new GeoJSONVT(fc, {
          maxZoom: MAX_TILE_ZOOM,
          extent: TILE_EXTENT,
          buffer: TILE_BUFFER,
          tolerance: 1,
          indexMaxZoom: 5,
        })
        return { tiler, boxes }
      })
      index.catch(() => this.indexes.delete(layer))
      this.indexes.set(layer, index)
    }
    return index
  }

  /** Takes an announced change: drops the in-memory layers it altered and moves the box it touched to a new revision. */
  onChange(event: ChangeEvent) {
    const layers = LAYERS_OF_CHANGE[event.kind] ?? [...TILE_LAYERS]
    for (const layer of layers) this.indexes.delete(layer)
    // before the first tile nothing was served: the base revision, read then, is already newer
    if (!this.revisions) return
    this.pending = this.pending
      .then(async () => {
        const revisions = await this.revisionsReady()
        // an extent that cannot be read moves the whole layer: never a stale tile
        const bbox = await this.extentOf(event).catch(() => undefined)
        revisions.mark(layers, bbox, event.revisionId ?? 0)
      })
      .catch(() => {
        this.revisions = undefined // nothing known: every tile gets a revision read afresh
        this.cache.clear()
      })
  }

  private async extentOf(event: ChangeEvent) {
    if (event.kind === 'grids' && event.communityCode) return communityExtent(this.db, event.communityCode)
    if (event.kind === 'facilities' && event.revisionId !== undefined) return revisionExtent(this.db, event.revisionId)
    return undefined
  }

  /** Builds the in-memory indexes ahead of the first request (embedded engine). */
  async warm(layers: readonly TileLayer[] = TILE_LAYERS) {
    if (this.engine === 'postgres') return
    await Promise.all(layers.map((l) => this.index(l)))
  }

  private boundsOnce?: Promise<Bbox>
  /** The district's extent (TileJSON `bounds`). */
  bounds(): Promise<Bbox> {
    this.boundsOnce ??= districtBounds(this.db)
    return this.boundsOnce
  }

  get cachedTiles() {
    return this.cache.size
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    tiles: TileService
  }
}

export function registerTiles(app: FastifyInstance) {
  const service = new TileService(app.db, app.engine)
  app.decorate('tiles', service)
  const unsubscribe = followTileChanges(service, app.events)
  app.addHook('onClose', async () => unsubscribe())
}

function followTileChanges(service: TileService, events: EventBus) {
  return events.subscribe((event) => service.onChange(event))
}
