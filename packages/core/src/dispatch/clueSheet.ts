/**
 * Importing 12369 clues (检查内容 7) from the hotline platform's export: a sheet for the city
 * whose stationed group must verify them. As with checklists, the sheet is taken whole or not
 * at all: every row is checked with the same schema as a clue entered by hand, and every
 * problem is reported by row and column.
 */
import { CATEGORIES, CATEGORY_CODES, type CategoryCode } from '../field/taxonomy.ts';
import type { CountyResolver } from './countyResolver.ts';
import { type HotlineClueBody, hotlineClueBody } from './hotline.ts';
import { cellDate, cellText, type SheetCell } from './sheetCells.ts';

export const CLUE_COLUMNS = [
  { key: 'number', header: '举报编号', help: '必填，12369平台的受理编号，最多40个字符。' },
  {
    key: 'receivedAt',
    header: '受理时间',
    help: '必填，北京时间，如 2020-10-19 09:30（只填日期按当天0时计）；也可填写 Excel 日期时间。',
  },
  { key: 'place', header: '被举报地点', help: '必填，被举报单位或地点，最多200字。' },
  {
    key: 'county',
    header: '区县',
    help: '必填，所在区县名称（如“中牟县”）或6位行政区划代码；济源填“济源市”或419001。',
  },
  { key: 'content', header: '举报内容', help: '必填，最多4000字。' },
  { key: 'category', header: '检查类别', help: '选填，如“扬尘治理”“散煤禁用”，留空则由核查组判断。' },
] as const;
export type ClueColumnKey = (typeof CLUE_COLUMNS)[number]['key'];
export type ClueCells = Partial<Record<ClueColumnKey, SheetCell>>;
export const CLUE_MAX_ROWS = 2000;

export interface ClueSheetError {
  row: number | null;
  column: ClueColumnKey | null;
  message: string;
}

export type ClueSheetResult =
  | { ok: true; clues: (HotlineClueBody & { row: number })[] }
  | { ok: false; errors: ClueSheetError[] };

/**
 * A 受理时间 cell as an instant: readers hand date cells over as the wall-clock time written
 * (in UTC fields), and the hotline writes Beijing time, so both are read as Asia/Shanghai.
 */
export function cellInstant(v: SheetCell): string | null {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return `${v.toISOString().slice(0, 19)}+08:00`;
  }
  const text = cellText(v);
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2})[:时](\d{1,2})(?::(\d{1,2}))?分?)?$/.exec(
      text,
    );
  if (!m) {
    const d = cellDate(v);
    return d ? `${d}T00:00:00+08:00` : null;
  }
  const pad = (s: string | undefined) => (s ?? '0').padStart(2, '0');
  const iso = `${m[1]}-${pad(m[2])}-${pad(m[3])}T${pad(m[4])}:${pad(m[5])}:${pad(m[6])}+08:00`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** A category written as its label (扬尘治理) or its code; '' for none, undefined when unknown. */
export function categoryOf(text: string): CategoryCode | null | undefined {
  if (text === '') return null;
  if ((CATEGORY_CODES as string[]).includes(text)) return text as CategoryCode;
  return CATEGORY_CODES.find((c) => CATEGORIES[c].label === text);
}

/** Checks every row of a clue sheet for the group stationed in `cityCode`. Rows are numbered from `firstRowNumber`. */
export function validateClueSheet(
  rows: readonly ClueCells[],
  opts: { cityCode: string; resolveCounty: CountyResolver; now: Date; firstRowNumber?: number },
): ClueSheetResult {
  const first = opts.firstRowNumber ?? 2;
  const errors: ClueSheetError[] = [];
  const clues: (HotlineClueBody & { row: number })[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, i) => {
    const row = first + i;
    const rowErrors: ClueSheetError[] = [];
    const county = cellText(cells.county);
    const resolved = county === '' ? null : opts.resolveCounty(county, opts.cityCode);
    if (resolved && !resolved.ok) rowErrors.push({ row, column: 'county', message: resolved.message });
    const receivedText = cellText(cells.receivedAt);
    const receivedAt = cellInstant(cells.receivedAt ?? null);
    if (receivedText !== '' && !receivedAt) {
      rowErrors.push({
        row,
        column: 'receivedAt',
        message: `受理时间格式应为 2020-10-19 09:30（现为“${receivedText}”）`,
      });
    } else if (receivedAt && Date.parse(receivedAt) > opts.now.getTime()) {
      rowErrors.push({ row, column: 'receivedAt', message: '受理时间晚于当前时间' });
    }
    const categoryText = cellText(cells.category);
    const category = categoryOf(categoryText);
    if (category === undefined)
      rowErrors.push({ row, column: 'category', message: `检查类别“${categoryText}”不存在` });
    const parsed = hotlineClueBody.safeParse({
      number: cellText(cells.number),
      receivedAt: receivedAt ?? (receivedText === '' ? undefined : receivedText),
      place: cellText(cells.place),
      countyCode: resolved?.ok ? resolved.code : '410100',
      content: cellText(cells.content),
      category: category ?? null,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = issue.path[0] === 'countyCode' ? 'county' : (issue.path[0] as ClueColumnKey);
        if (column === 'receivedAt' && receivedText !== '') continue;
        if (column === 'county' && county !== '') continue;
        rowErrors.push({
          row,
          column,
          message:
            column === 'receivedAt' ? '请填写受理时间' : column === 'county' ? '请填写区县' : issue.message,
        });
      }
    }
    if (parsed.success) {
      const earlier = seen.get(parsed.data.number);
      if (earlier !== undefined)
        rowErrors.push({ row, column: 'number', message: `举报编号与第${earlier}行重复` });
      else seen.set(parsed.data.number, row);
    }
    errors.push(...rowErrors);
    if (rowErrors.length === 0 && parsed.success) clues.push({ ...parsed.data, row });
  });
  if (rows.length === 0) errors.push({ row: null, column: null, message: '表格中没有线索' });
  if (rows.length > CLUE_MAX_ROWS) {
    errors.push({
      row: null,
      column: null,
      message: `一次最多导入${CLUE_MAX_ROWS}条线索（现有${rows.length}条）`,
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, clues };
}
