/**
 * Position categories of the plan's staffing rule (附件3 五（一）): who may be sent as a
 * member, and who may lead a group. A closed code list so the rules never have to guess at
 * free text; the free text stays beside it for people to read.
 */
export const POSITION_CATEGORIES = [
  'detachment_staff',
  'county_squad_leader',
  'county_squad_deputy',
  'deputy_director_enforcement',
  'detachment_head',
  'detachment_deputy_head',
  'other',
] as const;
export type PositionCategory = (typeof POSITION_CATEGORIES)[number];

export const POSITION_CATEGORY_LABELS: Record<PositionCategory, string> = {
  detachment_staff: '市支队业务骨干',
  county_squad_leader: '县（区）中队长',
  county_squad_deputy: '县（区）副中队长',
  deputy_director_enforcement: '主管执法的副局长',
  detachment_head: '支队长',
  detachment_deputy_head: '副支队长',
  other: '其他',
};

/** 抽调人员为……市支队业务骨干、县（区）中队长或副中队长. */
export const MEMBER_POSITION_CATEGORIES: readonly PositionCategory[] = [
  'detachment_staff',
  'county_squad_leader',
  'county_squad_deputy',
];

/** 由各省辖市生态环境局主管执法的副局长、综合行政执法支队支队长或副支队长任组长. */
export const LEADER_POSITION_CATEGORIES: readonly PositionCategory[] = [
  'deputy_director_enforcement',
  'detachment_head',
  'detachment_deputy_head',
];

export function isPositionCategory(value: unknown): value is PositionCategory {
  return typeof value === 'string' && (POSITION_CATEGORIES as readonly string[]).includes(value);
}

/** Spreadsheets mix full-width and half-width brackets and pad cells with spaces. */
function normalizeTitle(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

const LABEL_TO_CATEGORY = new Map<string, PositionCategory>(
  POSITION_CATEGORIES.map((c) => [normalizeTitle(POSITION_CATEGORY_LABELS[c]), c]),
);
for (const [alias, c] of [
  ['中队长', 'county_squad_leader'],
  ['副中队长', 'county_squad_deputy'],
  ['县(区)中队副中队长', 'county_squad_deputy'],
  ['业务骨干', 'detachment_staff'],
  ['支队业务骨干', 'detachment_staff'],
  ['分管执法副局长', 'deputy_director_enforcement'],
  ['主管执法副局长', 'deputy_director_enforcement'],
  ['综合行政执法支队支队长', 'detachment_head'],
  ['综合行政执法支队副支队长', 'detachment_deputy_head'],
] as const) {
  LABEL_TO_CATEGORY.set(normalizeTitle(alias), c);
}

// Staff ranks inside a detachment that make someone 业务骨干 rather than one of its heads.
const DETACHMENT_STAFF_TITLE = /科员|科长|执法人员|执法员|干部|骨干/;

/**
 * Reads a position category from a spreadsheet cell: the category's Chinese label, or a
 * common title such as “新密市大队第二中队副中队长”, “支队长”, “分管执法的副局长”. `unit`
 * (the 工作单位 cell) helps with titles that only make sense inside a detachment (“执法一科
 * 科员” at “郑州市生态环境综合行政执法支队”).
 *
 * Returns null when unsure — e.g. a bare “副局长” (in charge of enforcement or not?), “大队长”
 * of a county (the plan names only squad leaders), “科员” of an unknown unit — so the import
 * asks a person to choose instead of quietly qualifying or disqualifying someone.
 */
export function parsePositionCategory(text: string, unit = ''): PositionCategory | null {
  const title = normalizeTitle(text);
  if (title === '') return null;
  const exact = LABEL_TO_CATEGORY.get(title);
  if (exact) return exact;

  // Order matters: every deputy title contains its head title (副中队长 ⊃ 中队长).
  if (title.includes('副中队长')) return 'county_squad_deputy';
  if (title.includes('中队长')) return 'county_squad_leader';
  if (title.includes('副支队长')) return 'detachment_deputy_head';
  if (title.includes('支队长')) return 'detachment_head';
  if (title.includes('副局长')) {
    // Only the deputy director in charge of enforcement may lead; others are not the plan's leaders.
    return /执法/.test(title) ? 'deputy_director_enforcement' : null;
  }
  const inDetachment = title.includes('支队') || normalizeTitle(unit).includes('支队');
  // Not 大队长: since the enforcement reform a county brigade may sit under the city detachment,
  // so “支队XX大队大队长” can be a county head the plan does not name — a person decides.
  if (inDetachment && DETACHMENT_STAFF_TITLE.test(title)) return 'detachment_staff';
  if (title === '其他') return 'other';
  return null;
}
