export { bandInHouseholds, DEFAULT_NORMS, NORM_KEYS, type Norms, normsFromSettings, tolerancePercent } from './norms'
