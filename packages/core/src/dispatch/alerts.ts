/**
 * Pollution weather alerts (污染天气预警, 检查内容 2): while an alert covers a place the groups
 * check emergency controls there first. An alert has a level, an area (the province, some
 * cities or some counties) and a window [startsAt, endsAt): it is in force from its start
 * instant inclusive until its end instant exclusive, so a red alert ending at 00:00 and one
 * starting at 00:00 never overlap and never leave a gap.
 */
import { cityOf, HENAN_PROVINCE_CODE } from '../divisions.ts';
import { CATEGORY_CODES, type CategoryCode } from '../field/taxonomy.ts';

/** Levels in rising order of severity. */
export const ALERT_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
export const ALERT_LEVEL_LABELS: Record<AlertLevel, string> = {
  blue: '蓝色预警',
  yellow: '黄色预警',
  orange: '橙色预警',
  red: '红色预警',
};

export const ALERT_AREA_KINDS = { province: '全省', cities: '部分地市', counties: '部分区县' } as const;
export type AlertAreaKind = keyof typeof ALERT_AREA_KINDS;

export interface PollutionAlert {
  id: string;
  level: AlertLevel;
  areaKind: AlertAreaKind;
  /** City codes (济源 419001 is a city) or county codes; empty for the province. */
  areaCodes: readonly string[];
  startsAt: Date | string;
  endsAt: Date | string;
}

/** 1 (blue) … 4 (red). */
export function alertLevelRank(level: AlertLevel): number {
  return ALERT_LEVELS.indexOf(level) + 1;
}

/**
 * The inspection subtype a level points to: blue is the light-pollution alert (轻度污染应急管控),
 * yellow and above are the heavy-pollution levels (重污染天气应急管控).
 */
export function alertSubtype(level: AlertLevel): 'light_alert' | 'heavy_alert' {
  return level === 'blue' ? 'light_alert' : 'heavy_alert';
}

function ms(at: Date | string): number {
  return at instanceof Date ? at.getTime() : Date.parse(at);
}

/** Whether the alert is in force at `at`: startsAt ≤ at < endsAt. */
export function alertInForce(alert: Pick<PollutionAlert, 'startsAt' | 'endsAt'>, at: Date): boolean {
  const t = at.getTime();
  return ms(alert.startsAt) <= t && t < ms(alert.endsAt);
}

/**
 * Whether the alert's area contains the whole of a division: the province contains every
 * Henan code ('41' itself included); a city alert its city and every county of it; a county
 * alert only its own counties. A city is not covered by an alert on some of its counties.
 */
export function alertAreaCovers(
  alert: Pick<PollutionAlert, 'areaKind' | 'areaCodes'>,
  divisionCode: string,
): boolean {
  if (alert.areaKind === 'province') return divisionCode.startsWith(HENAN_PROVINCE_CODE);
  if (alert.areaKind === 'cities')
    return divisionCode.length >= 4 && alert.areaCodes.includes(cityOf(divisionCode));
  return alert.areaCodes.includes(divisionCode);
}

/** Whether an alert covers a division at an instant (area and window). */
export function alertCovers(alert: PollutionAlert, divisionCode: string, at: Date): boolean {
  return alertInForce(alert, at) && alertAreaCovers(alert, divisionCode);
}

/** The alerts covering a place at an instant, highest level first, then the latest started. */
export function activeAlertsAt<T extends PollutionAlert>(
  alerts: readonly T[],
  divisionCode: string,
  at: Date,
): T[] {
  return alerts
    .filter((a) => alertCovers(a, divisionCode, at))
    .sort((a, b) => alertLevelRank(b.level) - alertLevelRank(a.level) || ms(b.startsAt) - ms(a.startsAt));
}

/** The highest alert level in force at a place, or null. */
export function highestAlertLevel(
  alerts: readonly PollutionAlert[],
  divisionCode: string,
  at: Date,
): AlertLevel | null {
  return activeAlertsAt(alerts, divisionCode, at)[0]?.level ?? null;
}

/**
 * The inspection categories in the order offered at a place and instant: while an alert
 * covers the place, emergency-control checks (pollution_alert) come first; otherwise the
 * normal order is kept as given.
 */
export function inspectionCategoryOrder(
  alerts: readonly PollutionAlert[],
  divisionCode: string,
  at: Date,
  normalOrder: readonly CategoryCode[] = CATEGORY_CODES,
): CategoryCode[] {
  if (!alerts.some((a) => alertCovers(a, divisionCode, at))) return [...normalOrder];
  return ['pollution_alert', ...normalOrder.filter((c) => c !== 'pollution_alert')];
}
