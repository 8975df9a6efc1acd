// Grid codes (docs/standards.md): 12-digit community code + 3-digit sequence, numbered in reading
// order within the community: rows north→south, west→east within a row.

// Reading-order numbers (1-based) for grid centroids [lng, lat], returned in input order.
// Rows: the centroids sorted north→south are cut into round(√n) bands of equal count
// (the last band may be shorter); each band is read west→east. Ties break by input index.
export function numberGrids(centroids: readonly (readonly [number, number])[]): number[] {
  for (const c of centroids)
    if (!Number.isFinite(c[0]) || !Number.isFinite(c[1])) throw new Error(`invalid grid centroid: ${c}`)
  const n = centroids.length
  if (n === 0) return []
  const rowCount = Math.max(1, Math.round(Math.sqrt(n)))
  const perRow = Math.ceil(n / rowCount)
  // north → south
  const byLat = centroids.map((_, i) => i).sort((a, b) => centroids[b][1] - centroids[a][1] || a - b)
  const seq = new Array<number>(n)
  let next = 1
  for (let start = 0; start < n; start += perRow) {
    // west → east within the band
    const row = byLat.slice(start, start + perRow).sort((a, b) => centroids[a][0] - centroids[b][0] || a - b)
    for (const i of row) seq[i] = next++
  }
  return seq
}

// The 15-digit grid code of the seq-th grid (1–999) of a 12-digit community.
export function gridCode(communityCode: string, seq: number): string {
  if (!/^\d{12}$/.test(communityCode)) throw new Error(`community code must be 12 digits, got "${communityCode}"`)
  if (!Number.isInteger(seq) || seq < 1 || seq > 999) throw new Error(`grid sequence must be 1–999, got ${seq}`)
  return communityCode + String(seq).padStart(3, '0')
}
