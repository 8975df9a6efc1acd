// The diverging colour scale for grid balance: deviation = (households − target) / target.
// Blue = too few households, red = too many, pale = near the target. Seven classes
// (ColorBrewer RdBu, colour-blind safe), with class breaks tied to the tolerance so the
// in-band classes (|deviation| ≤ tolerance) are exactly the three pale ones.

export type Rgba = [r: number, g: number, b: number, a: number]

/** ColorBrewer RdBu-7, reversed: index 0 = far under the target, 6 = far over. */
export const DEVIATION_COLOURS: readonly Rgba[] = [
  [33, 102, 172, 255], // #2166ac  far under
  [103, 169, 207, 255], // #67a9cf under, out of band
  [209, 229, 240, 255], // #d1e5f0 under, in band
  [247, 247, 247, 255], // #f7f7f7 near target
  [253, 219, 199, 255], // #fddbc7 over, in band
  [239, 138, 98, 255], // #ef8a62 over, out of band
  [178, 24, 43, 255], // #b2182b  far over
]

/** Colour for grids whose deviation is missing or not a number. */
export const NO_DATA_COLOUR: Rgba = [190, 190, 190, 255]

// Comparison slack so that a grid with exactly target·(1 ± tolerance) households counts as in band.
const EPSILON = 1e-9

export interface DeviationClass {
  /** index into DEVIATION_COLOURS */
  index: number
  /** lower bound of deviation (exclusive, except -Infinity); null = unbounded */
  min: number | null
  /** upper bound of deviation (inclusive); null = unbounded */
  max: number | null
  inBand: boolean
  colour: Rgba
}

/**
 * Class breaks for a tolerance (default 0.2 = ±20%): ±tolerance/3 (near target), ±tolerance
 * (edge of the band), ±2.5·tolerance (far out). For 0.2: −0.5, −0.2, −0.067, 0.067, 0.2, 0.5.
 */
export function deviationBreaks(tolerance: number): number[] {
  if (!(Number.isFinite(tolerance) && tolerance > 0 && tolerance < 1))
    throw new RangeError(`tolerance must be a number in (0, 1), got ${tolerance}`)
  const near = tolerance / 3
  const far = tolerance * 2.5
  return [-far, -tolerance, -near, near, tolerance, far]
}

/** The class index (0–6) of a deviation: under-target classes include their upper edge toward zero. */
export function deviationClassIndex(deviation: number, tolerance: number): number {
  const [farUnder, bandLow, nearLow, nearHigh, bandHigh, farOver] = deviationBreaks(tolerance)
  if (deviation < farUnder - EPSILON) return 0
  if (deviation < bandLow - EPSILON) return 1
  if (deviation < nearLow - EPSILON) return 2
  if (deviation <= nearHigh + EPSILON) return 3
  if (deviation <= bandHigh + EPSILON) return 4
  if (deviation <= farOver + EPSILON) return 5
  return 6
}

/** Fill colour for a grid's deviation; `alpha` (0–255) replaces the opaque alpha. */
export function deviationColour(deviation: number | null | undefined, tolerance: number, alpha = 255): Rgba {
  const base =
    deviation == null || !Number.isFinite(deviation)
      ? NO_DATA_COLOUR
      : DEVIATION_COLOURS[deviationClassIndex(deviation, tolerance)]
  return [base[0], base[1], base[2], alpha]
}

/** The seven classes with their bounds, for the legend. */
export function deviationClasses(tolerance: number): DeviationClass[] {
  const breaks = deviationBreaks(tolerance)
  return DEVIATION_COLOURS.map((colour, index) => ({
    index,
    min: index === 0 ? null : breaks[index - 1],
    max: index === 6 ? null : breaks[index],
    inBand: index >= 2 && index <= 4,
    colour,
  }))
}

/** Households at a deviation from the target, rounded to a whole household (for legend labels). */
export function householdsAtDeviation(targetHouseholds: number, deviation: number): number {
  return Math.round(targetHouseholds * (1 + deviation))
}

/** CSS `rgb()` text for an Rgba (alpha ignored), for the legend swatches. */
export function rgbaToCss([r, g, b]: Rgba): string {
  return `rgb(${r}, ${g}, ${b})`
}
