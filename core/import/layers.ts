// What an import can bring in, layer by layer, and the fields each layer's rows map to.
// The order of IMPORT_LAYERS is the order a district is loaded from scratch: each layer's rows
// key to the layer before (a community to its street, a unit to its community, …).

export type ImportLayerId =
  | 'streets'
  | 'communities'
  | 'units'
  | 'buildings'
  | 'counts'
  | 'workers'
  | 'grids'
  | 'facilities'
  | 'walk_network'

export type FieldType = 'code' | 'text' | 'integer' | 'number' | 'enum'

export interface ImportField {
  id: string
  type: FieldType
  required: boolean
  /** allowed values for `enum` (after the synonyms of the value guesser) */
  values?: readonly string[]
  nameZh: string
  nameEn: string
  /** header names that map to this field, lower-case, spaces and underscores removed */
  headers: readonly string[]
}

export interface ImportLayer {
  id: ImportLayerId
  nameZh: string
  nameEn: string
  /** what geometry a row carries: polygons, points (polygon footprints are reduced to a point), lines, or none */
  geometry: 'polygon' | 'point' | 'point-or-polygon' | 'line' | 'none'
  fields: readonly ImportField[]
}

const f = (
  id: string,
  type: FieldType,
  required: boolean,
  nameZh: string,
  nameEn: string,
  headers: string[],
  values?: string[],
): ImportField => ({ id, type, required, nameZh, nameEn, headers, values })

// the header synonyms shared by several layers
const CODE = ['code', '编码', '代码', '编号', '统计用区划代码', '区划代码']
const NAME = ['name', '名称']
const STREET_CODE = ['streetcode', 'street', '街道代码', '街道编码', '乡镇代码', '街镇代码', '所属街道代码']
const COMMUNITY_CODE = [
  'communitycode',
  'community',
  '社区代码',
  '社区编码',
  '村居代码',
  '居委会代码',
  '所属社区代码',
  '社区村代码',
]
const HOUSEHOLDS = ['households', 'household', 'hh', '户数', '总户数', '住户数', '户']
const RESIDENTS = ['residents', 'population', 'pop', '人口', '常住人口', '人口数', '人数', '居民数', '总人口']
const UNIT_CODE = ['unitcode', 'unit', '小区编码', '小区代码', '单元编码', '单元代码', '小组编码']

export const IMPORT_LAYERS: readonly ImportLayer[] = [
  {
    id: 'streets',
    nameZh: '街道/镇',
    nameEn: 'Streets and towns',
    geometry: 'polygon',
    fields: [
      f('code', 'code', true, '街道代码（9位）', 'Street code (9 digits)', [...STREET_CODE, ...CODE]),
      f('name', 'text', true, '名称', 'Name', ['街道名称', '街道', '乡镇名称', ...NAME]),
      f('kind', 'enum', false, '类型', 'Kind', ['kind', 'type', '类型', '类别'], ['subdistrict', 'town', 'zone']),
    ],
  },
  {
    id: 'communities',
    nameZh: '社区/村',
    nameEn: 'Communities and villages',
    geometry: 'polygon',
    fields: [
      f('code', 'code', true, '社区代码（12位）', 'Community code (12 digits)', [...COMMUNITY_CODE, ...CODE]),
      f('name', 'text', true, '名称', 'Name', ['社区名称', '村名称', '村居名称', '居委会名称', ...NAME]),
      f('streetCode', 'code', false, '所属街道代码', 'Street code', STREET_CODE),
      f(
        'kind',
        'enum',
        false,
        '城乡类型',
        'Urban or rural',
        ['kind', 'type', '类型', '城乡', '城乡类型', '城乡分类'],
        ['urban', 'rural'],
      ),
      f('households', 'integer', false, '户数', 'Households', HOUSEHOLDS),
      f('residents', 'integer', false, '常住人口', 'Residents', RESIDENTS),
      f('workers', 'integer', false, '社区工作者', 'Community workers', [
        'workers',
        '社区工作者',
        '社区工作者数',
        '工作人员数',
        '社工人数',
      ]),
    ],
  },
  {
    id: 'units',
    nameZh: '小区/楼院/村民小组',
    nameEn: 'Units (compounds, courtyards, village groups)',
    geometry: 'polygon',
    fields: [
      f('code', 'code', true, '单元编码', 'Unit code', [...UNIT_CODE, ...CODE]),
      f('name', 'text', true, '名称', 'Name', ['小区名称', '小区名', '楼院名称', '小组名称', '村民小组', ...NAME]),
      f('communityCode', 'code', true, '所属社区代码', 'Community code', COMMUNITY_CODE),
      f(
        'kind',
        'enum',
        false,
        '单元类型',
        'Kind',
        ['kind', 'type', '类型', '单元类型'],
        ['compound', 'courtyard', 'village_group'],
      ),
      f('households', 'integer', false, '户数', 'Households', HOUSEHOLDS),
      f('residents', 'integer', false, '常住人口', 'Residents', RESIDENTS),
    ],
  },
  {
    id: 'buildings',
    nameZh: '楼栋/农户',
    nameEn: 'Buildings',
    geometry: 'point-or-polygon',
    fields: [
      f('code', 'code', false, '楼栋编码', 'Building code', [
        'buildingcode',
        '楼栋编码',
        '楼栋代码',
        '楼号编码',
        ...CODE,
      ]),
      f('unitCode', 'code', true, '所属单元编码', 'Unit code', UNIT_CODE),
      f('households', 'integer', true, '户数', 'Households', HOUSEHOLDS),
      f('residents', 'integer', false, '常住人口', 'Residents', RESIDENTS),
      f('floors', 'integer', false, '层数', 'Floors', ['floors', 'floor', '层数', '楼层数', '地上层数']),
    ],
  },
  {
    id: 'counts',
    nameZh: '户数与人口',
    nameEn: 'Household and resident counts',
    geometry: 'none',
    fields: [
      f('code', 'code', true, '单元或楼栋编码', 'Unit or building code', [...UNIT_CODE, '楼栋编码', ...CODE]),
      f('households', 'integer', false, '户数', 'Households', HOUSEHOLDS),
      f('residents', 'integer', false, '常住人口', 'Residents', RESIDENTS),
    ],
  },
  {
    id: 'workers',
    nameZh: '社区工作者',
    nameEn: 'Community workers',
    geometry: 'none',
    fields: [
      f('communityCode', 'code', true, '社区代码', 'Community code', [...COMMUNITY_CODE, ...CODE]),
      f('workers', 'integer', true, '社区工作者数', 'Community workers', [
        'workers',
        '社区工作者',
        '社区工作者数',
        '工作人员数',
        '社工人数',
        '人数',
      ]),
    ],
  },
  {
    id: 'grids',
    nameZh: '现有网格',
    nameEn: 'Existing grids',
    geometry: 'polygon',
    fields: [
      f('code', 'code', true, '网格编码（15位）', 'Grid code (15 digits)', [
        'gridcode',
        'grid',
        '网格编码',
        '网格代码',
        '网格编号',
        ...CODE,
      ]),
      f('name', 'text', false, '网格名称', 'Name', ['网格名称', '网格名', ...NAME]),
      f('communityCode', 'code', false, '所属社区代码', 'Community code', COMMUNITY_CODE),
    ],
  },
  {
    id: 'facilities',
    nameZh: '设施',
    nameEn: 'Facilities',
    geometry: 'point',
    fields: [
      f('name', 'text', true, '设施名称', 'Name', ['设施名称', '机构名称', '单位名称', ...NAME]),
      f('typeCode', 'text', true, '设施类型', 'Facility type', [
        'type',
        'typecode',
        'facilitytype',
        '设施类型',
        '类型',
        '类别',
      ]),
      f('status', 'enum', false, '状态', 'Status', ['status', '状态', '建设状态'], ['existing', 'planned']),
      f('floorAreaM2', 'number', false, '建筑面积（m²）', 'Floor area (m²)', [
        'floorarea',
        'flooraream2',
        'area',
        '建筑面积',
        '面积',
        '总面积',
        '用房面积',
      ]),
      f('activityAreaM2', 'number', false, '居民活动面积（m²）', 'Activity area (m²)', [
        'activityarea',
        'activityaream2',
        '活动面积',
        '居民活动面积',
        '居民活动区域面积',
        '活动用房面积',
      ]),
      f('capacity', 'integer', false, '容量', 'Capacity', ['capacity', '容量', '床位', '床位数', '学位', '学位数']),
      f('radiusM', 'integer', false, '服务半径（m）', 'Service radius (m)', ['radius', 'radiusm', '服务半径', '半径']),
      f('communityCode', 'code', false, '所属社区代码', 'Community code', COMMUNITY_CODE),
    ],
  },
  {
    // 步行网络: replaces the stored network whole (ADR 21); topology is built from the lines
    id: 'walk_network',
    nameZh: '步行网络',
    nameEn: 'Walk network',
    geometry: 'line',
    fields: [
      f('code', 'text', false, '道路编号', 'Line id', ['osmid', 'id', 'code', 'fid', '编号', '道路编号']),
      f(
        'class',
        'enum',
        false,
        '步行类别',
        'Walk class',
        ['class', 'walkclass', '类别', '步行类别', '道路类别'],
        ['footway', 'residential', 'arterial', 'bridge', 'level_crossing', 'underpass', 'expressway'],
      ),
      f('highway', 'text', false, 'OSM highway 标签', 'OSM highway tag', ['highway', 'fclass', '道路等级']),
      f('name', 'text', false, '道路名称', 'Name', ['道路名称', '路名', ...NAME]),
      f('walkable', 'text', false, '可步行', 'Walkable', ['walkable', '可步行', '步行']),
      f('foot', 'text', false, 'OSM foot 标签', 'OSM foot tag', ['foot']),
      f('access', 'text', false, 'OSM access 标签', 'OSM access tag', ['access']),
      f('bridge', 'text', false, '桥梁', 'Bridge', ['bridge', '桥梁', '是否桥梁']),
      f('tunnel', 'text', false, '隧道/地道', 'Tunnel', ['tunnel', '隧道', '地道', '是否隧道']),
      f('layer', 'text', false, '层', 'Layer', ['layer', '层', '层级']),
    ],
  },
]

export function importLayer(id: string): ImportLayer {
  const layer = IMPORT_LAYERS.find((l) => l.id === id)
  if (!layer) throw new Error(`unknown import layer "${id}": one of ${IMPORT_LAYERS.map((l) => l.id).join(', ')}`)
  return layer
}

/** Coordinate columns of a table without geometry: longitude/latitude (or x/y), or WKT. */
export const COORDINATE_HEADERS = {
  x: ['lng', 'lon', 'long', 'longitude', 'x', '经度', 'jd', '横坐标', 'x坐标'],
  y: ['lat', 'latitude', 'y', '纬度', 'wd', '纵坐标', 'y坐标'],
  wkt: ['wkt', 'geometry', 'geom', 'shape', 'the_geom', '几何', '坐标串', '边界'],
} as const
