// Vector tiles of the heavy layers, on both engines (ADR 15): ST_AsMVT on a PostgreSQL server;
// on the embedded engine (PGlite's PostGIS has no protobuf) a GeoJSONVT index per layer built in
// memory from one query and encoded with vt-pbf. The coverage gaps live in the coverage store's
// memory (ADR 11), so on both engines they are tiled the in-memory way, one index per subject
// (type or tier, scenario). Tiles are cached by ETag; an edit announced on the event bus moves
// only the tiles of the box it touched to a new revision (a facility edit: for the gaps, its reach).
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt'
import { fromGeojsonVt } from '@maplibre/vt-pbf'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Bbox, GapTileQuery, TileLayerName } from '../../../core/api'
import type { GapProperties } from '../../../core/domain/coverage-store'
import { bboxesTouch, MAX_TILE_ZOOM, type TileCoord, tileBbox } from '../../../core/tiles/tile-math'
import type { EngineKind } from '../../db/engine'
import type { Database } from '../../db/schema'
import type { ChangeEvent, EventBus } from '../../plugins/events'
import type { MemoryRows } from '../ogc/ogc.repository'
import { TileBytesCache, TileRevisions } from './tile-cache'
import {
  communityExtent,
  districtBounds,
  latestRevision,
  layerGeoJson,
  mvtTile,
  revisionExtent,
  revisionReach,
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
const LAYERS_OF_CHANGE: Record<string, TileLayerName[]> = {
  // gap features carry their building's grid
  grids: ['grids', 'units', 'coverage-gaps'],
  facilities: ['facilities', 'coverage-gaps'],
}
const ALL_LAYERS: TileLayerName[] = [...TILE_LAYERS, 'coverage-gaps']

/** The coverage gaps of a subject as points (each building once per type), from the coverage store. */
export type GapSource = (q: GapTileQuery) => Promise<GeoJSON.FeatureCollection>

/** The part of a tile's ETag and index key that names the gaps' subject. */
const subjectKey = (layer: TileLayerName, q: GapTileQuery = {}) =>
  layer === 'coverage-gaps'
    ? `-${(q.type ?? (q.tier ? `tier.${q.tier}` : 'all')).replace(/[^A-Za-z0-9_.]/g, '_')}-${q.scenario ?? 'as-is'}`
    : ''

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
  /** by layer, and for the coverage gaps by layer and subject */
  private readonly indexes = new Map<string, Promise<LayerIndex>>()
  /** edits whose extent is still being read: tiles wait for them, so no stale tile is served after an edit */
  private pending: Promise<void> = Promise.resolve()

  constructor(
    private readonly db: Kysely<Database>,
    readonly engine: EngineKind,
    private readonly gapSource?: GapSource,
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
  async tile(layer: TileLayerName, tile: TileCoord, gaps?: GapTileQuery): Promise<ServedTile> {
    await this.pending
    const revisions = await this.revisionsReady()
    const revision = revisions.of(layer, tile)
    const etag = `"${layer}${subjectKey(layer, gaps)}-${tile.z}-${tile.x}-${tile.y}-r${revision}"`
    let body = this.cache.get(etag)
    if (!body) {
      body = await this.encode(layer, tile, gaps)
      this.cache.set(etag, body)
    }
    return { etag, revision, body }
  }

  /** The tile's ETag without encoding it (for conditional requests). */
  async etagOf(layer: TileLayerName, tile: TileCoord, gaps?: GapTileQuery): Promise<string> {
    await this.pending
    const revision = (await this.revisionsReady()).of(layer, tile)
    return `"${layer}${subjectKey(layer, gaps)}-${tile.z}-${tile.x}-${tile.y}-r${revision}"`
  }

  /** Encodes one tile, bypassing the cache (the benchmark's cold path). */
  encode(layer: TileLayerName, tile: TileCoord, gaps?: GapTileQuery): Promise<Uint8Array> {
    if (layer === 'coverage-gaps') return this.encodeInMemory(layer, tile, gaps)
    return this.engine === 'postgres' ? mvtTile(this.db, layer, tile) : this.encodeInMemory(layer, tile)
  }

  private async encodeInMemory(layer: TileLayerName, { z, x, y }: TileCoord, gaps?: GapTileQuery): Promise<Uint8Array> {
    const { tiler, boxes } = await this.index(layer, gaps)
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

  private index(layer: TileLayerName, gaps?: GapTileQuery): Promise<LayerIndex> {
    const key = `${layer}${subjectKey(layer, gaps)}`
    let index = this.indexes.get(key)
    if (!index) {
      const source =
        layer === 'coverage-gaps'
          ? this.gapCollection(gaps ?? {})
          : layerGeoJson(this.db, layer).then((text) => JSON.parse(text) as GeoJSON.FeatureCollection)
      // a few subjects of gaps at a time: each is one index
      if (layer === 'coverage-gaps' && [...this.indexes.keys()].filter((k) => k.startsWith(layer)).length >= 8)
        for (const k of this.indexes.keys()) if (k.startsWith(layer)) this.indexes.delete(k)
      index = source.then((fc) => {
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
      index.catch(() => this.indexes.delete(key))
      this.indexes.set(key, index)
    }
    return index
  }

  private async gapCollection(q: GapTileQuery): Promise<GeoJSON.FeatureCollection> {
    if (!this.gapSource) throw new Error('no coverage-gap source')
    return this.gapSource(q)
  }

  /** Takes an announced change: drops the in-memory layers it altered and moves the box it touched to a new revision. */
  onChange(event: ChangeEvent) {
    const layers = LAYERS_OF_CHANGE[event.kind] ?? ALL_LAYERS
    for (const key of [...this.indexes.keys()])
      if (layers.some((layer) => key === layer || key.startsWith(`${layer}-`))) this.indexes.delete(key)
    // before the first tile nothing was served: the base revision, read then, is already newer
    if (!this.revisions) return
    this.pending = this.pending
      .then(async () => {
        const revisions = await this.revisionsReady()
        // an extent that cannot be read moves the whole layer: never a stale tile
        const bbox = await this.extentOf(event).catch(() => undefined)
        const gaps = layers.includes('coverage-gaps') && event.kind === 'facilities'
        revisions.mark(
          layers.filter((l) => !gaps || l !== 'coverage-gaps'),
          bbox,
          event.revisionId ?? 0,
        )
        // a facility edit changes coverage only within its service radius, before and after
        if (gaps) {
          const reach =
            event.revisionId !== undefined
              ? await revisionReach(this.db, event.revisionId).catch(() => undefined)
              : undefined
          revisions.mark(['coverage-gaps'], reach, event.revisionId ?? 0)
        }
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
  const service = new TileService(app.db, app.engine, async (q) =>
    gapCollection(await app.analysis.rows('coverage-gaps', q)),
  )
  app.decorate('tiles', service)
  const unsubscribe = followTileChanges(service, app.events)
  app.addHook('onClose', async () => unsubscribe())
}

/**
 * Gap rows as points for the tiler: integer ids (MVT), the properties that only an edit within
 * reach can change (not the distance to the nearest facility, which an edit far away can move).
 */
function gapCollection(memory: MemoryRows): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: memory.rows.map((r, i) => {
      const p = r.properties as GapProperties
      return {
        type: 'Feature',
        id: i + 1,
        geometry: {
          type: 'Point',
          coordinates: [Math.round(r.lngLat![0] * 1e6) / 1e6, Math.round(r.lngLat![1] * 1e6) / 1e6],
        },
        properties: {
          buildingId: p.buildingId,
          typeCode: p.typeCode,
          tier: p.tier,
          households: p.households,
          communityCode: p.communityCode,
          ...(p.gridId === null ? {} : { gridId: p.gridId }),
        },
      }
    }),
  }
}

function followTileChanges(service: TileService, events: EventBus) {
  return events.subscribe((event) => service.onChange(event))
}
