-- 0002: the standards of docs/standards.md as data. A deployment changes these rows, not code.

INSERT INTO settings (key, value, description) VALUES
  ('grid.household_target',       '300',  '每个网格原则上覆盖300户左右 — households per grid'),
  ('grid.household_tolerance',    '0.2',  'allowed deviation from the target as a share (0.2 → 240–360)'),
  ('facility.min_activity_share', '0.6',  '居民活动区域占总面积60%以上 — activity area / floor area'),
  ('facility.floor_area_m2_per_100_households', '30', 'community service facility floor-area norm'),
  ('staffing.workers_per_10k_urban', '18', '每万城镇常住人口配置社区工作者不少于18人'),
  ('staffing.base_posts',         '4',    '"4+N": base posts per community'),
  ('staffing.households_per_extra_post', '300', '"4+N": one more post per this many households (local rule)'),
  ('crs.metric_srid',             '4548', 'CGCS2000 3-degree Gauss-Krüger CM 117E, metric work in Binhai');

INSERT INTO facility_types
  (code, name_zh, name_en, service, tier, default_radius_m, min_activity_share,
   floor_area_m2_per_100_households, colour, sort)
VALUES
  ('community_service_station', '社区党群服务中心', 'Community service station', 'one_window', '5min', 300, 0.6, 30, '#d62728', 10),
  ('kindergarten',              '幼儿园',           'Kindergarten',              'childcare',  '5min', 300, NULL, NULL, '#ff7f0e', 20),
  ('elderly_daycare',           '老年人日间照料中心', 'Elderly day-care centre',  'elderly',    '5min', 300, NULL, NULL, '#8c564b', 30),
  ('health_station',            '社区卫生服务站',    'Community health station',  'medical',    '5min', 300, NULL, NULL, '#2ca02c', 40),
  ('culture_room',              '文化活动室',        'Culture room',              'culture',    '5min', 300, NULL, NULL, '#9467bd', 50),
  ('primary_school',            '小学',             'Primary school',            'education',  '10min', 500, NULL, NULL, '#1f77b4', 60),
  ('sports_ground',             '中型多功能运动场地', 'Mid-size sports ground',    'sport',      '10min', 500, NULL, NULL, '#17becf', 70),
  ('middle_school',             '中学',             'Middle school',             'education',  '15min', 1000, NULL, NULL, '#393b79', 80),
  ('health_centre',             '社区卫生服务中心',  'Community health centre',   'medical',    '15min', 1000, NULL, NULL, '#637939', 90),
  ('culture_centre',            '文化活动中心',      'Culture centre',            'culture',    '15min', 1000, NULL, NULL, '#7b4173', 100),
  ('street_service_centre',     '街道综合服务中心',  'Street service centre',     'employment', '15min', 1000, 0.6, NULL, '#843c39', 110),
  ('elderly_home',              '养老院',           'Elderly care home',         'elderly',    '15min', 1000, NULL, NULL, '#e7969c', 120),
  ('legal_service',             '公共法律服务站',    'Public legal service point', 'legal',     '15min', 1000, NULL, NULL, '#bcbd22', 130),
  ('village_service_station',   '村综合服务站',      'Village service station',   'one_window', 'village', 1000, 0.6, 30, '#e377c2', 140);
