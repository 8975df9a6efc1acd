// The network's access points: every building joins the stored network at its nearest point on a
// walkable edge that the walk to it does not cross a barrier for (core/network/snap.ts). Facilities
// move, so theirs are computed when asked rather than stored.
import type { Kysely } from 'kysely'
import { createSnapIndex, type SnapIndex, snapPoint } from '../../../core/network/snap'
import type { NetworkAccess, WalkNetwork } from '../../../core/network/types'
import type { Database } from '../../db/schema'
import {
  readBuildingPoints,
  readFacilityPoints,
  readWalkBarriers,
  readWalkNetwork,
  writeBuildingAccess,
} from './network.repository'

/** The snap index of the stored network, with its barriers. */
export async function loadSnapIndex(db: Kysely<Database>, network?: WalkNetwork): Promise<SnapIndex> {
  const net = network ?? (await readWalkNetwork(db))
  const barriers = await readWalkBarriers(db)
  return createSnapIndex(net, { barriers: barriers.map((b) => b.coords) })
}

/** Recomputes and stores every building's access point; returns how many buildings have one. */
export async function rebuildBuildingAccess(db: Kysely<Database>, network?: WalkNetwork): Promise<number> {
  const index = await loadSnapIndex(db, network)
  const rows: ({ buildingId: number } & NetworkAccess)[] = []
  for (const b of await readBuildingPoints(db)) {
    const access = snapPoint(index, b.lng, b.lat)
    if (access) rows.push({ buildingId: b.id, ...access })
  }
  await writeBuildingAccess(db, rows)
  return rows.length
}

/** facility id → where it joins the stored network, for every facility (empty without a network). */
export async function facilityAccess(db: Kysely<Database>, index?: SnapIndex): Promise<Map<number, NetworkAccess>> {
  const idx = index ?? (await loadSnapIndex(db))
  const out = new Map<number, NetworkAccess>()
  for (const f of await readFacilityPoints(db)) {
    const access = snapPoint(idx, f.lng, f.lat)
    if (access) out.set(f.id, access)
  }
  return out
}
