/**
 * The "散乱污" ledger sheet (检查内容 8): each city's ledger, imported by the province. A sheet is
 * taken whole or not at all: every row is checked and either all rows become the city's ledger
 * or every problem is listed by row and column.
 */
import { isValidCreditCode, normalizeCreditCode } from '../field/creditCode.ts';
import type { CountyResolver } from './countyResolver.ts';
import { LEDGER_STATUS_CODES, LEDGER_STATUSES, type LedgerStatus } from './ledger.ts';
import { cellText, type SheetCell } from './sheetCells.ts';
import { foldText } from './text.ts';

export const LEDGER_COLUMNS = [
  { key: 'name', header: '企业名称', help: '必填，台账登记的企业或作坊名称，最多100字。' },
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    help: '选填，18位统一社会信用代码；填写时须通过校验。',
  },
  { key: 'address', header: '地址', help: '选填，最多200字；填写后可识别“异地转移”。' },
  {
    key: 'county',
    header: '区县',
    help: '必填，所在区县名称（如“中牟县”，可省略“县”“区”“市”）或6位行政区划代码。',
  },
  { key: 'status', header: '整治类型', help: '必填：整治、取缔、关停或搬迁。' },
] as const;

export type LedgerColumnKey = (typeof LEDGER_COLUMNS)[number]['key'];
export type LedgerCells = Partial<Record<LedgerColumnKey, SheetCell>>;
/** A city's ledger runs to a few thousand rows; the cap keeps a runaway sheet out. */
export const LEDGER_MAX_ROWS = 20_000;

/** An error of a sheet import: the row as Excel shows it and the column key; null for the sheet. */
export interface SheetError<K extends string = string> {
  row: number | null;
  column: K | null;
  message: string;
}

export interface LedgerEntryDraft {
  row: number;
  name: string;
  creditCode: string | null;
  address: string | null;
  countyCode: string;
  status: LedgerStatus;
}

export type LedgerSheetResult =
  | { ok: true; entries: LedgerEntryDraft[] }
  | { ok: false; errors: SheetError<LedgerColumnKey>[] };

/** 整治 / 取缔 / 关停 / 搬迁, also the English codes and a few common spellings. */
export function parseLedgerStatus(raw: string): LedgerStatus | null {
  const v = raw.normalize('NFKC').replace(/\s/g, '');
  for (const code of LEDGER_STATUS_CODES) {
    const label = LEDGER_STATUSES[code];
    if (v === code || v === label || v === `${label}类` || v === `${label}到位`) return code;
  }
  if (v === '整改' || v === '升级改造' || v === '整治提升') return 'rectify';
  if (v === '关闭' || v === '停产') return 'closed';
  if (v === '搬迁入园' || v === '迁出') return 'relocate';
  return null;
}

export function isBlankLedgerRow(cells: LedgerCells): boolean {
  return LEDGER_COLUMNS.every((c) => cellText(cells[c.key]) === '');
}

/**
 * Validates a city's ledger sheet: every row's fields, its county (within the city), and rows
 * that repeat an earlier one (same credit code, or same name in the same county). Blank rows
 * are skipped; `firstRowNumber` is the first data row (2: below the header).
 */
export function validateLedgerSheet(
  rows: readonly LedgerCells[],
  opts: { cityCode: string; resolveCounty: CountyResolver; firstRowNumber?: number },
): LedgerSheetResult {
  const first = opts.firstRowNumber ?? 2;
  const errors: SheetError<LedgerColumnKey>[] = [];
  const entries: LedgerEntryDraft[] = [];
  const byCode = new Map<string, number>();
  const byName = new Map<string, number>();
  let dataRows = 0;
  rows.forEach((cells, i) => {
    if (isBlankLedgerRow(cells)) return;
    dataRows++;
    const row = first + i;
    const rowErrors: SheetError<LedgerColumnKey>[] = [];
    const err = (column: LedgerColumnKey | null, message: string) => rowErrors.push({ row, column, message });
    const name = cellText(cells.name);
    if (name === '') err('name', '请填写企业名称');
    else if ([...name].length > 100) err('name', '企业名称不能超过100个字');
    const rawCode = cellText(cells.creditCode);
    const code = rawCode === '' ? null : normalizeCreditCode(rawCode.normalize('NFKC').replace(/\s/g, ''));
    if (code !== null && !isValidCreditCode(code))
      err('creditCode', `统一社会信用代码“${rawCode}”校验不通过`);
    const address = cellText(cells.address);
    if ([...address].length > 200) err('address', '地址不能超过200个字');
    const county = cellText(cells.county);
    const resolved = county === '' ? null : opts.resolveCounty(county, opts.cityCode);
    if (!resolved) err('county', '请填写区县');
    else if (!resolved.ok) err('county', resolved.message);
    const rawStatus = cellText(cells.status);
    const status = rawStatus === '' ? null : parseLedgerStatus(rawStatus);
    if (rawStatus === '') err('status', '请填写整治类型（整治、取缔、关停或搬迁）');
    else if (!status) err('status', `整治类型应为整治、取缔、关停或搬迁（现为“${rawStatus}”）`);
    if (rowErrors.length === 0 && resolved?.ok && status) {
      const codeEarlier = code ? byCode.get(code) : undefined;
      const nameKey = `${resolved.code}|${foldText(name)}`;
      const nameEarlier = byName.get(nameKey);
      if (codeEarlier !== undefined) err('creditCode', `统一社会信用代码与第${codeEarlier}行重复`);
      else if (nameEarlier !== undefined) err('name', `与第${nameEarlier}行为同一区县的同名企业`);
      else {
        if (code) byCode.set(code, row);
        byName.set(nameKey, row);
        entries.push({
          row,
          name,
          creditCode: code,
          address: address || null,
          countyCode: resolved.code,
          status,
        });
      }
    }
    errors.push(...rowErrors);
  });
  if (dataRows === 0) errors.push({ row: null, column: null, message: '台账中没有数据行' });
  if (dataRows > LEDGER_MAX_ROWS) {
    errors.push({
      row: null,
      column: null,
      message: `台账不能超过${LEDGER_MAX_ROWS}行（现有${dataRows}行）`,
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, entries };
}

/** County names as a ledger's matcher peels them: "中牟县" and "中牟", "管城回族区" and "管城". */
export function knownPlacesOf(countyNames: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of countyNames) {
    out.add(name);
    const short = name.replace(/(自治县|县|区|市)$/, '').replace(/回族$/, '');
    if ([...short].length >= 2) out.add(short);
  }
  return [...out];
}
