import { z } from 'zod';
import { isoDate, uuid } from '../schemas/common.ts';
import { addDays, isIsoDate } from '../time.ts';

/**
 * Stage reports (阶段性报告): the command group asks for a date range of a campaign over the
 * whole province, some cities, some groups or one round; trend charts need one point per day.
 */

// A city's division code: 4 digits (4101–4117), or 6 where the city-level unit sits under a
// county-level code (济源 419001).
const cityCode = z.string().regex(/^\d{4}(\d{2})?$/, '请选择地市');

const distinct = (items: readonly string[]) => new Set(items).size === items.length;

export const stageReportScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('province') }),
  z.object({
    kind: z.literal('cities'),
    cityCodes: z.array(cityCode).min(1, '请至少选择一个地市').max(50).refine(distinct, '地市不能重复选择'),
  }),
  z.object({
    kind: z.literal('groups'),
    groupIds: z.array(uuid).min(1, '请至少选择一个核查组').max(100).refine(distinct, '核查组不能重复选择'),
  }),
  z.object({ kind: z.literal('round'), roundId: uuid }),
]);
export type StageReportScope = z.infer<typeof stageReportScope>;

export const STAGE_SCOPE_KINDS = {
  province: '全省',
  cities: '按地市',
  groups: '按核查组',
  round: '按轮次',
} as const satisfies Record<StageReportScope['kind'], string>;

/**
 * The scope as the report's first sentence says it: "全省", "洛阳市", "第1组、第3组", "第2轮".
 * `names` gives the city names, group numbers and round numbers the scope refers to.
 */
export function stageScopeLabel(
  scope: StageReportScope,
  names: {
    cities?: ReadonlyMap<string, string>;
    groups?: ReadonlyMap<string, number>;
    rounds?: ReadonlyMap<string, number>;
  },
): string {
  switch (scope.kind) {
    case 'province':
      return '全省';
    case 'cities':
      return scope.cityCodes.map((c) => names.cities?.get(c) ?? c).join('、');
    case 'groups':
      return scope.groupIds
        .map((g) => names.groups?.get(g))
        .filter((n): n is number => n !== undefined)
        .sort((a, b) => a - b)
        .map((n) => `第${n}组`)
        .join('、');
    case 'round': {
      const n = names.rounds?.get(scope.roundId);
      return n === undefined ? '本轮' : `第${n}轮`;
    }
  }
}

/**
 * Request for a stage report. The range is checked against the campaign's current dates by
 * stageReportRangeProblems once the server has loaded the campaign (the command group may move them).
 */
export const stageReportBody = z
  .object({ campaignId: uuid, from: isoDate, to: isoDate, scope: stageReportScope })
  .refine((b) => b.from <= b.to, { message: '结束日期不能早于开始日期', path: ['to'] });
export type StageReportBody = z.infer<typeof stageReportBody>;

export interface CampaignDates {
  startDate: string;
  endDate: string;
}

export interface StageReportRangeProblem {
  field: 'from' | 'to';
  message: string;
}

/** Problems of a requested range against the campaign's dates; empty when it lies within. */
export function stageReportRangeProblems(
  range: { from: string; to: string },
  campaign: CampaignDates,
): StageReportRangeProblem[] {
  const out: StageReportRangeProblem[] = [];
  if (range.from < campaign.startDate) {
    out.push({ field: 'from', message: `开始日期不能早于本次暗访核查开始日期（${campaign.startDate}）` });
  }
  if (range.to > campaign.endDate) {
    out.push({ field: 'to', message: `结束日期不能晚于本次暗访核查结束日期（${campaign.endDate}）` });
  }
  return out;
}

/** Longest series filled: a campaign is a season; anything longer is a caller's mistake. */
export const MAX_SERIES_DAYS = 400;

/**
 * One row per Shanghai date from `from` to `to` inclusive, in order: the rows given, and
 * `zero(date)` for days without data — so a chart's axis has no gaps that look like a trend.
 * Rows outside the range are dropped; two rows for one date throw (the aggregation is wrong).
 */
export function fillDailySeries<T extends { date: string }>(
  rows: readonly T[],
  from: string,
  to: string,
  zero: (date: string) => T,
): T[] {
  if (!isIsoDate(from) || !isIsoDate(to)) throw new RangeError(`not YYYY-MM-DD dates: ${from}, ${to}`);
  // Whole days between two UTC midnights: exact, no zone involved.
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days < 1) throw new RangeError(`from ${from} is after to ${to}`);
  if (days > MAX_SERIES_DAYS) throw new RangeError(`series of ${days} days exceeds ${MAX_SERIES_DAYS}`);
  const byDate = new Map<string, T>();
  for (const r of rows) {
    if (byDate.has(r.date)) throw new RangeError(`two rows for ${r.date}`);
    byDate.set(r.date, r);
  }
  const out: T[] = [];
  for (let i = 0, d = from; i < days; i++, d = addDays(d, 1)) out.push(byDate.get(d) ?? zero(d));
  return out;
}

/** fillDailySeries for the common { date, count } shape. */
export function fillDailyCounts(
  rows: readonly { date: string; count: number }[],
  from: string,
  to: string,
): { date: string; count: number }[] {
  return fillDailySeries(rows, from, to, (date) => ({ date, count: 0 }));
}
