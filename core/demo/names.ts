// Chinese names for synthetic units, grids and facilities.
import type { Random } from './random'

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']

// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五, 100+ → Arabic digits.
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new Error(`chineseNumeral needs a positive integer, got ${n}`)
  if (n < 10) return DIGITS[n]
  if (n < 100) {
    const tens = Math.floor(n / 10)
    const ones = n % 10
    return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`
  }
  return String(n)
}

// The short name of a community: the one naming rule (core/domain/place-names.ts).
export { communityShortName } from '../domain/place-names'

const FIRST = '海馨福康锦泰华祥瑞和润安嘉金碧云翠欣盛丽泽雅宁怡乐晨曦明远鑫凯丰兴隆春秋'
const SECOND = '馨悦景城湾庭园苑府邸居苑韵都轩阁颐沁澜'
const SUFFIX = ['园', '苑', '里', '家园', '花园', '小区', '新村', '公寓', '名邸', '嘉园']

// A residential estate name such as 海馨园 or 锦悦家园, unique within `taken`.
export function estateName(rng: Random, taken: Set<string>): string {
  for (let tries = 0; tries < 50; tries++) {
    const name = rng.pick([...FIRST]) + rng.pick([...SECOND]) + rng.pick(SUFFIX)
    if (!taken.has(name)) {
      taken.add(name)
      return name
    }
  }
  const name = `${rng.pick([...FIRST])}${rng.pick(SUFFIX)}${taken.size + 1}期`
  taken.add(name)
  return name
}
