// Parses `--seed N --scale S` for the demo-world scripts, with the bad value in the message.
export function parseSeedArgs(argv: string[], defaults: { demoSeed: number; demoScale: number }) {
  let seed = defaults.demoSeed
  let scale = defaults.demoScale
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]]
    if (flag === '--seed') {
      seed = Number(value)
      if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${value}"`)
      i++
    } else if (flag === '--scale') {
      scale = Number(value)
      if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be in (0, 1], got "${value}"`)
      i++
    } else throw new Error(`unknown option "${flag}" (use --seed N, --scale S)`)
  }
  return { seed, scale }
}
