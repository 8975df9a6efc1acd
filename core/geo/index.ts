// Units, projections and distances. [lng, lat] in degrees; x/y in metres (EPSG:4548).

export { bd09ToGcj02, gcj02ToBd09 } from './bd09'
export {
  type CrsInfo,
  type CrsTransform,
  crsInfo,
  crsTransform,
  gaussKrugerCode,
  gaussKrugerZone,
  parseCrs,
  supportedCrs,
} from './crs'
export { EARTH_MEAN_RADIUS_METERS, haversineDistanceMeters, planarDistanceMeters } from './distance'
export { gcj02ToWgs84, outOfChina, wgs84ToGcj02 } from './gcj02'
export { crsFromPrj, type PrjReading, parseWkt } from './prj'
export { EPSG_4548, toLngLat, toLngLatBatch, toMetric, toMetricBatch } from './projection'
