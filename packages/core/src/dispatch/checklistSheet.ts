/**
 * Pushed checklists (省厅推送清单, 检查内容 3): the province imports a sheet of places for the
 * group stationed in a city to verify item by item. A sheet is taken whole or not at all: every
 * row is checked and either all rows become items or every problem is listed by row and column.
 */
import { z } from 'zod';
import { isIsoDate } from '../time.ts';
import type { CountyResolver } from './countyResolver.ts';
import { cellDate, cellText, type SheetCell } from './sheetCells.ts';
import { foldText } from './text.ts';

export const CHECKLIST_COLUMNS = [
  { key: 'siteName', header: '点位名称', help: '与“地址”至少填写一项，最多100字。' },
  { key: 'address', header: '地址', help: '与“点位名称”至少填写一项，最多200字。' },
  {
    key: 'county',
    header: '区县',
    help: '必填，所在区县名称（如“中牟县”，可省略“县”“区”“市”）或6位行政区划代码；济源填“济源市”或419001。',
  },
  { key: 'reason', header: '核查事由', help: '必填，需核查的问题或要求，最多500字。' },
  { key: 'source', header: '线索来源', help: '必填，如“信访举报”“在线监测”“卫星遥感”，最多50字。' },
  {
    key: 'dueDate',
    header: '完成时限',
    help: '必填，日期格式 YYYY-MM-DD（如 2020-11-05），也可填写 Excel 日期。',
  },
] as const;

export type ChecklistColumnKey = (typeof CHECKLIST_COLUMNS)[number]['key'];
export type ChecklistCells = Partial<Record<ChecklistColumnKey, SheetCell>>;
/** A cap that only keeps a runaway sheet from tying up the server. */
export const CHECKLIST_MAX_ROWS = 2000;

/** One row's cells read as text: the same rules for the sheet import and a single item form. */
export const checklistRowSchema = z
  .object({
    siteName: z.string().trim().max(100, '点位名称不能超过100个字'),
    address: z.string().trim().max(200, '地址不能超过200个字'),
    county: z.string().trim().min(1, '请填写区县'),
    reason: z.string().trim().min(1, '请填写核查事由').max(500, '核查事由不能超过500个字'),
    source: z.string().trim().min(1, '请填写线索来源').max(50, '线索来源不能超过50个字'),
    dueDate: z.string().trim().refine(isIsoDate, '完成时限应为日期，格式 YYYY-MM-DD'),
  })
  .superRefine((row, ctx) => {
    if (row.siteName === '' && row.address === '') {
      ctx.addIssue({ code: 'custom', path: ['siteName'], message: '点位名称和地址至少填写一项' });
    }
  });
export type ChecklistRow = z.infer<typeof checklistRowSchema>;

/** An error of the import: sheet row number (as Excel shows it) and column; null for the whole sheet. */
export interface ChecklistSheetError {
  row: number | null;
  column: ChecklistColumnKey | null;
  message: string;
}

/** A validated item, ready to be stored for the group stationed in the city. */
export interface ChecklistItemDraft {
  row: number;
  siteName: string | null;
  address: string | null;
  countyCode: string;
  countyName: string;
  reason: string;
  source: string;
  dueDate: string;
}

export type ChecklistSheetResult =
  | { ok: true; items: ChecklistItemDraft[] }
  | { ok: false; errors: ChecklistSheetError[] };

/** Whether a row has nothing in it (trailing blank rows with formatting are common). */
export function isBlankChecklistRow(cells: ChecklistCells): boolean {
  return CHECKLIST_COLUMNS.every((c) => cellText(cells[c.key]) === '');
}

/** Reads one row's cells and checks them; the county is only checked for presence here. */
export function parseChecklistRow(
  cells: ChecklistCells,
):
  | { ok: true; value: ChecklistRow }
  | { ok: false; errors: { column: ChecklistColumnKey; message: string }[] } {
  const rawDue = cells.dueDate;
  const dueText = cellText(rawDue);
  const parsed = checklistRowSchema.safeParse({
    siteName: cellText(cells.siteName),
    address: cellText(cells.address),
    county: cellText(cells.county),
    reason: cellText(cells.reason),
    source: cellText(cells.source),
    // Dates arrive as date cells, serial numbers or text; anything unreadable is passed on as written.
    dueDate: cellDate(rawDue) ?? dueText,
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => {
      const column = i.path[0] as ChecklistColumnKey;
      if (column !== 'dueDate') return { column, message: i.message };
      return { column, message: dueText === '' ? '请填写完成时限' : `${i.message}（现为“${dueText}”）` };
    }),
  };
}

/**
 * Validates a parsed sheet for the group stationed in `cityCode`: every row's fields, its
 * county (resolved within the city), due dates not before `today` when given, and rows that
 * repeat an earlier one. Blank rows are skipped. Row numbers start at `firstRowNumber` (the
 * first data row below the header, 2 by default).
 */
export function validateChecklistSheet(
  rows: readonly ChecklistCells[],
  opts: { cityCode: string; resolveCounty: CountyResolver; today?: string; firstRowNumber?: number },
): ChecklistSheetResult {
  const first = opts.firstRowNumber ?? 2;
  const errors: ChecklistSheetError[] = [];
  const items: ChecklistItemDraft[] = [];
  const seen = new Map<string, number>();
  let dataRows = 0;
  rows.forEach((cells, i) => {
    if (isBlankChecklistRow(cells)) return;
    dataRows++;
    const row = first + i;
    const parsed = parseChecklistRow(cells);
    const rowErrors: ChecklistSheetError[] = parsed.ok ? [] : parsed.errors.map((e) => ({ row, ...e }));
    const county = cellText(cells.county);
    const resolved = county === '' ? null : opts.resolveCounty(county, opts.cityCode);
    if (resolved && !resolved.ok) rowErrors.push({ row, column: 'county', message: resolved.message });
    if (parsed.ok && opts.today && parsed.value.dueDate < opts.today) {
      rowErrors.push({ row, column: 'dueDate', message: `完成时限${parsed.value.dueDate}早于今天` });
    }
    if (parsed.ok && resolved?.ok) {
      const key = [resolved.code, foldText(parsed.value.siteName), foldText(parsed.value.address)].join('|');
      const earlier = seen.get(key);
      if (earlier !== undefined) rowErrors.push({ row, column: null, message: `与第${earlier}行重复` });
      else seen.set(key, row);
    }
    errors.push(...rowErrors);
    if (rowErrors.length === 0 && parsed.ok && resolved?.ok) {
      const v = parsed.value;
      items.push({
        row,
        siteName: v.siteName || null,
        address: v.address || null,
        countyCode: resolved.code,
        countyName: resolved.name,
        reason: v.reason,
        source: v.source,
        dueDate: v.dueDate,
      });
    }
  });
  if (dataRows === 0) errors.push({ row: null, column: null, message: '清单中没有数据行' });
  if (dataRows > CHECKLIST_MAX_ROWS) {
    errors.push({
      row: null,
      column: null,
      message: `清单不能超过${CHECKLIST_MAX_ROWS}行（现有${dataRows}行）`,
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, items };
}
