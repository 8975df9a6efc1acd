// A progress display for long steps: a redrawn bar on a terminal, a line per 25% elsewhere.
export type ProgressFn = (step: string, done: number, total: number) => void

export function progressBar(out: NodeJS.WriteStream = process.stderr): ProgressFn {
  const lastQuarter = new Map<string, number>()
  const started = Date.now()
  return (step, done, total) => {
    const share = total > 0 ? Math.min(1, done / total) : 1
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    if (out.isTTY) {
      const width = 28
      const filled = Math.round(share * width)
      out.write(
        `\r  ${step.padEnd(18)} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${seconds}s`,
      )
      if (done >= total) out.write('\n')
      return
    }
    const quarter = Math.floor(share * 4)
    if (lastQuarter.get(step) === quarter) return
    lastQuarter.set(step, quarter)
    out.write(`  ${step}: ${Math.round(share * 100)}% (${done}/${total}) ${seconds}s\n`)
  }
}
