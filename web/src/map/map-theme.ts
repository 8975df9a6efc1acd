// Colours that depend on the display: 'light' for desks, 'dark' for the command-centre wall (/wall).
import type { Rgba } from './deviation-colour'

export type ThemeName = 'light' | 'dark'

export interface MapTheme {
  background: string
  streetLine: Rgba
  communityLine: Rgba
  gridLine: Rgba
  /** unit (小区) edges inside the grids, at street zoom */
  unitLine: Rgba
  selectionLine: Rgba
  selectionHalo: Rgba
  hoverHighlight: Rgba
  labelText: Rgba
  labelOutline: Rgba
  gridFillAlpha: number
}

export const MAP_THEMES: Record<ThemeName, MapTheme> = {
  light: {
    background: '#e9ecef',
    streetLine: [52, 58, 64, 230],
    communityLine: [108, 117, 125, 200],
    gridLine: [255, 255, 255, 150],
    unitLine: [255, 255, 255, 90],
    selectionLine: [17, 17, 17, 255],
    selectionHalo: [255, 214, 10, 255],
    hoverHighlight: [255, 255, 255, 110],
    labelText: [33, 37, 41, 255],
    labelOutline: [255, 255, 255, 230],
    gridFillAlpha: 200,
  },
  dark: {
    background: '#0b1220',
    streetLine: [226, 232, 240, 230],
    communityLine: [148, 163, 184, 170],
    gridLine: [15, 23, 42, 170],
    unitLine: [15, 23, 42, 100],
    selectionLine: [255, 255, 255, 255],
    selectionHalo: [250, 204, 21, 255],
    hoverHighlight: [255, 255, 255, 80],
    labelText: [241, 245, 249, 255],
    labelOutline: [2, 6, 23, 230],
    gridFillAlpha: 215,
  },
}
