/**
 * Cells as a workbook reader hands them over (text, a number, a date or nothing) and their
 * reading as text and as dates, for the dispatch imports (pushed checklists, PM2.5 rankings).
 */
import { isIsoDate } from '../time.ts';

export type SheetCell = string | number | Date | null | undefined;

// Excel's day 0 is 1899-12-30 (the 1900 leap-year bug folded in); readers give UTC midnights.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A cell as trimmed text ('' for nothing; a date cell as YYYY-MM-DD). */
export function cellText(v: SheetCell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v).trim();
}

/**
 * A cell as a YYYY-MM-DD date, or null: a date cell, an Excel serial day number (1950–2150),
 * or text like 2020-11-05, 2020/11/5, 2020.11.5 or 2020年11月5日.
 */
export function cellDate(v: SheetCell): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 18264 || v > 91311) return null;
    return new Date(EXCEL_EPOCH_MS + v * 86_400_000).toISOString().slice(0, 10);
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(cellText(v));
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}
