// The Binhai New Area extent (docs/standards.md): the initial view fits it.
import type { Bbox } from '../../../core/api'

/** ~117.13–118.07E, 38.56–39.33N */
export const DISTRICT_BOUNDS: Bbox = [117.13, 38.56, 118.07, 39.33]
export const DISTRICT_CENTER: [lng: number, lat: number] = [117.65, 39.03]
/** Pixels kept free around the district when fitting it; the left side leaves room for the panels column. */
export const DISTRICT_FIT_PADDING_PX = { top: 40, bottom: 40, left: 300, right: 40 }
/** Screens narrower than this are phones: the panels fold above the map (app.css), so no side room. */
export const PHONE_MAX_WIDTH_PX = 600

/** The fit padding for a map of this size: on a phone, room for the folded header above only. */
export function districtFitPadding(width: number, height: number) {
  if (width > PHONE_MAX_WIDTH_PX) return DISTRICT_FIT_PADDING_PX
  const top = Math.min(260, Math.round(height * 0.3))
  return { top, bottom: 40, left: 16, right: 16 }
}
export const MIN_ZOOM = 7
export const MAX_ZOOM = 18
