// Units, projections and distances. [lng, lat] in degrees; x/y in metres (EPSG:4548).
export { EARTH_MEAN_RADIUS_METERS, haversineDistanceMeters, planarDistanceMeters } from './distance'
export { gcj02ToWgs84, outOfChina, type SourceCrs, toWgs84, wgs84ToGcj02 } from './gcj02'
export { EPSG_4548, toLngLat, toLngLatBatch, toMetric, toMetricBatch } from './projection'
