// The one naming rule for places (docs/glossary.md 命名规则): a community by its short name
// (紫云园社区居委会 → 紫云园社区, 河头村村民委员会 → 河头村), a grid as the community's short name +
// 第N网格 with N its code's sequence (120116001001007 → 第7网格): 紫云园社区第7网格. Used by the demo
// generator, the grid editor, imports, exports, the map labels and the wall.

/** The short name of a community: its NBS name without the committee suffix. */
export function communityShortName(name: string): string {
  for (const suffix of ['社区居民委员会', '居民委员会', '社区居委会', '村民委员会', '村委会', '居委会']) {
    if (name.endsWith(suffix)) {
      const stem = name.slice(0, -suffix.length)
      if (suffix.startsWith('村')) return stem.endsWith('村') ? stem : `${stem}村`
      return `${stem}社区`
    }
  }
  return name
}

/** A grid's name from its community's name and its 15-digit code: 紫云园社区第7网格. */
export function gridName(communityName: string, code: string): string {
  if (!/^\d{15}$/.test(code)) throw new Error(`grid code must be 15 digits, got "${code}"`)
  return `${communityShortName(communityName)}第${Number(code.slice(12))}网格`
}
