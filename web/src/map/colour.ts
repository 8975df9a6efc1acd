// Colour parsing for data-driven colours (facility types carry '#rrggbb').
import type { Rgba } from './deviation-colour'

export const FALLBACK_COLOUR: Rgba = [108, 117, 125, 255]

/** '#rgb' / '#rrggbb' / '#rrggbbaa' → [r, g, b, a]; anything else → FALLBACK_COLOUR. */
export function hexToRgba(hex: string | null | undefined, alpha?: number): Rgba {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(hex?.trim() ?? '')
  let rgba: Rgba = FALLBACK_COLOUR
  if (match) {
    let h = match[1]
    if (h.length === 3) h = [...h].map((c) => c + c).join('')
    const n = (i: number) => Number.parseInt(h.slice(i, i + 2), 16)
    rgba = [n(0), n(2), n(4), h.length === 8 ? n(6) : 255]
  }
  return alpha === undefined ? rgba : [rgba[0], rgba[1], rgba[2], alpha]
}
