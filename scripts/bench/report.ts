// Printing helpers shared by the benchmarks: one aligned row per figure, its goal and baseline.
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
}

export function printRow(what: string, figure: string, goal: string, baseline: string) {
  console.log(`  ${what.padEnd(62)} ${figure.padStart(10)}   (${goal}; ${baseline})`)
}
