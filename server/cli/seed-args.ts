// Parses `--seed N --scale S --region binhai|tianjin` for the demo-world scripts, with the bad value in the message.
import { DEMO_REGIONS, type DemoRegion } from '../../core/demo/types'

export function parseSeedArgs(
  argv: string[],
  defaults: { demoSeed: number; demoScale: number; demoRegion?: DemoRegion },
) {
  let seed = defaults.demoSeed
  let scale = defaults.demoScale
  let region: DemoRegion = defaults.demoRegion ?? 'binhai'
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
    } else if (flag === '--region') {
      if (!DEMO_REGIONS.includes(value as DemoRegion))
        throw new Error(`--region must be one of ${DEMO_REGIONS.join(', ')}, got "${value}"`)
      region = value as DemoRegion
      i++
    } else throw new Error(`unknown option "${flag}" (use --seed N, --scale S, --region ${DEMO_REGIONS.join('|')})`)
  }
  return { seed, scale, region }
}
