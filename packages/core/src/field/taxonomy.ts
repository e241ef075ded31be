/**
 * What is inspected: the plan's nine categories (检查内容) with their sub-types, the kinds
 * of place a site can be, and the record's mode, source and outcome. Codes are stable
 * English identifiers; labels are what users read.
 */
export const CATEGORIES = {
  key_area: { label: '重点区域', subtypes: {} },
  pollution_alert: {
    label: '污染天气应急管控',
    subtypes: { light_alert: '轻度污染应急管控', heavy_alert: '重污染天气应急管控' },
  },
  province_checklist: { label: '省厅推送清单', subtypes: {} },
  loose_coal: {
    label: '散煤禁用',
    subtypes: {
      small_boiler: '10蒸吨以下燃煤锅炉',
      coal_stove: '燃煤大灶',
      bath_house: '燃煤浴池',
      restaurant: '餐饮用煤',
    },
  },
  dust: {
    label: '扬尘治理',
    subtypes: {
      construction_site: '施工工地扬尘',
      muck_truck: '渣土车扬尘',
      bulk_transport: '大宗物料运输扬尘',
      road: '道路扬尘',
      yard: '建筑垃圾和工业物料堆场扬尘',
    },
  },
  mobile_source: {
    label: '移动源监管',
    subtypes: {
      diesel_truck: '高排放柴油车',
      non_road_machinery: '非道路移动机械',
      roadside_check: '柴油货车路检路查',
      remote_sensing: '遥感监测',
    },
  },
  hotline_12369: { label: '12369投诉举报', subtypes: {} },
  scattered_polluting: {
    label: '“散乱污”整治',
    subtypes: { new_found: '新增“散乱污”企业', relocated: '异地转移', revived: '死灰复燃' },
  },
  other: {
    label: '其他环境问题',
    subtypes: { straw_burning: '秸秆焚烧', illegal_fuel_station: '黑加油站', other: '其他' },
  },
} as const satisfies Record<string, { label: string; subtypes: Record<string, string> }>;

export type CategoryCode = keyof typeof CATEGORIES;
export const CATEGORY_CODES = Object.keys(CATEGORIES) as CategoryCode[];

/** Whether `subtype` belongs to `category`; categories without sub-types take none. */
export function subtypeAllowed(category: CategoryCode, subtype: string | null | undefined): boolean {
  const subs: Record<string, string> = CATEGORIES[category].subtypes;
  if (Object.keys(subs).length === 0) return subtype == null;
  return subtype != null && subtype in subs;
}

export const SITE_KINDS = {
  industrial: '工业企业',
  construction_site: '施工工地',
  road: '道路',
  yard: '物料或垃圾堆场',
  coal_boiler: '燃煤锅炉',
  coal_stove: '燃煤大灶',
  bath_house: '燃煤浴池',
  restaurant: '餐饮单位',
  fuel_station: '加油站',
  roadside_checkpoint: '路检路查点',
  farmland: '农田（秸秆焚烧）',
  other: '其他',
} as const;
export type SiteKind = keyof typeof SITE_KINDS;
export const SITE_KIND_CODES = Object.keys(SITE_KINDS) as SiteKind[];

/** Kinds that are enterprises and so carry a unified social credit code when known. */
export const ENTERPRISE_KINDS: readonly SiteKind[] = [
  'industrial',
  'coal_boiler',
  'bath_house',
  'restaurant',
  'fuel_station',
];

export const MODES = { concentrated: '集中暗查', focused: '重点检查' } as const;
export type Mode = keyof typeof MODES;

export const SOURCES = {
  own: '自主发现',
  checklist: '省厅推送清单',
  hotline: '12369线索',
  instruction: '调度指令',
  followup: '回头看',
} as const;
export type Source = keyof typeof SOURCES;

export const OUTCOMES = {
  no_problem: '未发现问题',
  fixed_on_spot: '管理问题，已当场整改',
  suspected_violation: '涉嫌环境违法',
  needs_rectification: '需持续整改',
} as const;
export type Outcome = keyof typeof OUTCOMES;

/** Outcomes that go to the province and on to the local bureau (交办). */
export const REPORTABLE_OUTCOMES: readonly Outcome[] = ['suspected_violation', 'needs_rectification'];
