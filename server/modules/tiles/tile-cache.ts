// Which revision each tile is at, and the bytes of recently served tiles. An edit marks the box it
// touched with its revision; a tile's ETag is the newest revision of a box it meets, so tiles an
// edit did not touch keep their ETag (and the client's cached copy) through the edit.
import type { Bbox, TileLayerName } from '../../../core/api'
import { bboxesTouch, type TileCoord, tileBbox } from '../../../core/tiles/tile-math'

interface Touched {
  layers: ReadonlySet<TileLayerName>
  /** undefined: the whole world */
  bbox?: Bbox
  revision: number
}

export class TileRevisions {
  private readonly touched: Touched[] = []
  constructor(private base: number) {}

  /** Marks a box of some layers changed at a revision (newer than every earlier one). */
  mark(layers: Iterable<TileLayerName>, bbox: Bbox | undefined, revision: number): number {
    const rev = Math.max(revision, this.latest + 1)
    this.touched.push({ layers: new Set(layers), bbox, revision: rev })
    return rev
  }

  get latest(): number {
    return this.touched.length ? this.touched[this.touched.length - 1].revision : this.base
  }

  /** The revision a tile of a layer is at. */
  of(layer: TileLayerName, tile: TileCoord): number {
    const box = tileBbox(tile)
    for (let i = this.touched.length - 1; i >= 0; i--) {
      const t = this.touched[i]
      if (t.layers.has(layer) && (t.bbox === undefined || bboxesTouch(t.bbox, box))) return t.revision
    }
    return this.base
  }
}

/** A byte-bounded least-recently-used cache of encoded tiles, keyed by their ETag. */
export class TileBytesCache {
  private readonly map = new Map<string, Uint8Array>()
  private bytes = 0
  constructor(private readonly maxBytes: number) {}

  get(key: string): Uint8Array | undefined {
    const hit = this.map.get(key)
    if (hit) {
      this.map.delete(key)
      this.map.set(key, hit)
    }
    return hit
  }

  set(key: string, value: Uint8Array) {
    const old = this.map.get(key)
    if (old) this.bytes -= old.byteLength + key.length
    this.map.delete(key)
    this.map.set(key, value)
    this.bytes += value.byteLength + key.length
    for (const [k, v] of this.map) {
      if (this.bytes <= this.maxBytes) break
      this.map.delete(k)
      this.bytes -= v.byteLength + k.length
    }
  }

  clear() {
    this.map.clear()
    this.bytes = 0
  }

  get size() {
    return this.map.size
  }
}
