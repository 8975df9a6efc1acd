export {
  bandInHouseholds,
  bandNorms,
  DEFAULT_NORMS,
  NORM_KEYS,
  type Norms,
  normsFromSettings,
  tolerancePercent,
} from './norms'
