/**
 * The county PM2.5 ranking sheet (重点区域): one row per county and period. Taken whole or not
 * at all, like every import; the rows then feed {@link proposePriorityCounties}.
 */
import type { SheetError } from './ledgerSheet.ts';
import { type Pm25Row, parsePm25Row } from './priorityAreas.ts';
import { cellText, type SheetCell } from './sheetCells.ts';

export const PM25_COLUMNS = [
  { key: 'countyCode', header: '区县代码', help: '必填，6位行政区划代码；济源填419001。' },
  { key: 'countyName', header: '区县名称', help: '选填，仅供核对。' },
  { key: 'period', header: '统计期', help: '必填，如“2020年9月”或“2020-10-01至2020-10-15”。' },
  { key: 'pm25', header: 'PM2.5浓度', help: '必填，微克/立方米。' },
] as const;
export type Pm25ColumnKey = (typeof PM25_COLUMNS)[number]['key'];
export type Pm25Cells = Partial<Record<Pm25ColumnKey, SheetCell>>;
export const PM25_MAX_ROWS = 5000;

export function validatePm25Sheet(
  rows: readonly Pm25Cells[],
  opts: { knownCounty: (code: string) => boolean; firstRowNumber?: number },
): { ok: true; rows: (Pm25Row & { row: number })[] } | { ok: false; errors: SheetError<Pm25ColumnKey>[] } {
  const first = opts.firstRowNumber ?? 2;
  const errors: SheetError<Pm25ColumnKey>[] = [];
  const out: (Pm25Row & { row: number })[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, i) => {
    if (PM25_COLUMNS.every((c) => cellText(cells[c.key]) === '')) return;
    const row = first + i;
    const parsed = parsePm25Row({ countyCode: cells.countyCode, period: cells.period, pm25: cells.pm25 });
    if (!parsed.ok) {
      for (const e of parsed.errors) errors.push({ row, column: e.column, message: e.message });
      return;
    }
    const v = parsed.value;
    if (!opts.knownCounty(v.countyCode)) {
      errors.push({ row, column: 'countyCode', message: `区县代码“${v.countyCode}”不存在` });
      return;
    }
    const key = `${v.period}|${v.countyCode}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push({
        row,
        column: 'countyCode',
        message: `该区县在统计期“${v.period}”已有第${earlier}行数据`,
      });
      return;
    }
    seen.set(key, row);
    out.push({ ...v, row });
  });
  if (out.length === 0 && errors.length === 0)
    errors.push({ row: null, column: null, message: '表格中没有数据行' });
  if (out.length > PM25_MAX_ROWS)
    errors.push({ row: null, column: null, message: `不能超过${PM25_MAX_ROWS}行` });
  return errors.length ? { ok: false, errors } : { ok: true, rows: out };
}
