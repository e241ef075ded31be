/**
 * Priority areas (重点区域, 检查内容 1): the province ranks counties by PM2.5 and sends the
 * groups to the worst for concentrated checks (集中暗查). From an imported ranking of one period
 * the counties with the highest PM2.5 are proposed: a number of them (10 by default) and/or a
 * bottom share of the ranking. A county tied with the last one taken is taken too, and said so:
 * leaving out one of two counties with the same value would be arbitrary.
 */
import { z } from 'zod';
import { isHenanPlaceCode } from './places.ts';
import { cellText, type SheetCell } from './sheetCells.ts';

/** One imported row of the county PM2.5 ranking. */
export const pm25RowSchema = z.object({
  countyCode: z.string().trim().refine(isHenanPlaceCode, '区县代码应为河南省6位区县代码（济源为419001）'),
  period: z.string().trim().min(1, '请填写统计期（如“2020年9月”）').max(40, '统计期不能超过40个字'),
  pm25: z.coerce
    .number('PM2.5浓度应为数字')
    .min(0, 'PM2.5浓度不能为负数')
    .max(1000, 'PM2.5浓度超出合理范围（0–1000微克/立方米）'),
});
export type Pm25Row = z.infer<typeof pm25RowSchema>;

/** Reads one sheet row (cells as the workbook reader gives them) into a checked row. */
export function parsePm25Row(cells: {
  countyCode: SheetCell;
  period: SheetCell;
  pm25: SheetCell;
}): { ok: true; value: Pm25Row } | { ok: false; errors: { column: keyof Pm25Row; message: string }[] } {
  const pm25 = cellText(cells.pm25);
  const r = pm25RowSchema.safeParse({
    countyCode: cellText(cells.countyCode),
    period: cellText(cells.period),
    // An empty cell is no measurement (zod would read it as 0).
    pm25: pm25 === '' ? undefined : pm25,
  });
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => ({
      column: i.path[0] as keyof Pm25Row,
      message: i.path[0] === 'pm25' && pm25 === '' ? '请填写PM2.5浓度' : i.message,
    })),
  };
}

export const DEFAULT_PRIORITY_COUNT = 10;

export interface PriorityOptions {
  /** How many counties to propose (10 when neither this nor `bottomShare` is given). */
  count?: number;
  /** Propose the worst share of the ranking, 0–1 (0.1 = the bottom tenth, rounded up). */
  bottomShare?: number;
  /** The period to rank; required when the rows hold several. */
  period?: string;
}

export interface PriorityProposal {
  countyCode: string;
  pm25: number;
  /** 1 = highest PM2.5 (排名倒数第1); equal values share a rank. */
  rankFromWorst: number;
  /** 1 = lowest PM2.5, as the province's ranking counts. */
  rank: number;
  /** Taken beyond the requested number because it ties with the last one taken. */
  tiedAtCutoff: boolean;
}

export type PriorityResult =
  | {
      ok: true;
      period: string;
      totalCounties: number;
      /** How many the options asked for (before ties). */
      requested: number;
      proposals: PriorityProposal[];
      /** Chinese note when ties at the cut-off added counties; null otherwise. */
      tieNote: string | null;
    }
  | { ok: false; message: string };

/**
 * The counties proposed for concentrated checks, worst first. With both `count` and
 * `bottomShare` the smaller applies: each is a limit on how many counties the groups can take on.
 */
export function proposePriorityCounties(
  rows: readonly Pm25Row[],
  options: PriorityOptions = {},
): PriorityResult {
  const periods = [...new Set(rows.map((r) => r.period))];
  const period = options.period ?? (periods.length === 1 ? periods[0] : undefined);
  if (period === undefined) {
    return { ok: false, message: periods.length ? '数据包含多个统计期，请选择一个统计期' : '没有PM2.5数据' };
  }
  const ranked = rows.filter((r) => r.period === period);
  if (ranked.length === 0) return { ok: false, message: `没有统计期“${period}”的数据` };
  const seen = new Set<string>();
  for (const r of ranked) {
    if (seen.has(r.countyCode))
      return { ok: false, message: `区县${r.countyCode}在统计期“${period}”有多条数据` };
    seen.add(r.countyCode);
  }
  const { count, bottomShare } = options;
  if (count !== undefined && (!Number.isInteger(count) || count < 1))
    return { ok: false, message: '推荐数量应为正整数' };
  if (bottomShare !== undefined && !(bottomShare > 0 && bottomShare <= 1)) {
    return { ok: false, message: '排名比例应大于0且不超过100%' };
  }
  const limits: number[] = [];
  if (count !== undefined) limits.push(count);
  if (bottomShare !== undefined) limits.push(Math.ceil(bottomShare * ranked.length));
  const requested = Math.min(ranked.length, ...(limits.length ? limits : [DEFAULT_PRIORITY_COUNT]));

  const worstFirst = [...ranked].sort((a, b) => b.pm25 - a.pm25 || a.countyCode.localeCompare(b.countyCode));
  const cutoffValue = worstFirst[requested - 1]!.pm25;
  const taken = worstFirst.filter((r) => r.pm25 >= cutoffValue);
  const proposals = taken.map((r, i) => ({
    countyCode: r.countyCode,
    pm25: r.pm25,
    rankFromWorst: 1 + worstFirst.filter((o) => o.pm25 > r.pm25).length,
    rank: 1 + worstFirst.filter((o) => o.pm25 < r.pm25).length,
    tiedAtCutoff: i >= requested,
  }));
  const extra = taken.length - requested;
  const tieNote =
    extra > 0
      ? `第${proposals[requested - 1]!.rankFromWorst}位（PM2.5 ${cutoffValue}微克/立方米）并列，多推荐${extra}个区县，共${taken.length}个`
      : null;
  return { ok: true, period, totalCounties: ranked.length, requested, proposals, tieNote };
}
