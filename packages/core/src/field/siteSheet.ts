/**
 * Importing sites into the registry (点位库) from a sheet: all rows or none. A row names the
 * place, its kind and county, optionally credit code, address and position; rows repeating
 * one another or a credit code already in the registry are refused, by row and column.
 */
import type { CountyResolver } from '../dispatch/countyResolver.ts';
import type { SheetError } from '../dispatch/ledgerSheet.ts';
import { cellText, type SheetCell } from '../dispatch/sheetCells.ts';
import { foldText } from '../dispatch/text.ts';
import { isValidCreditCode, normalizeCreditCode } from './creditCode.ts';
import { SITE_KIND_CODES, SITE_KINDS, type SiteKind } from './taxonomy.ts';

export const SITE_SHEET_COLUMNS = [
  { key: 'name', header: '点位名称', help: '必填，最多100字。' },
  { key: 'kind', header: '点位类型', help: `必填：${Object.values(SITE_KINDS).join('、')}。` },
  { key: 'creditCode', header: '统一社会信用代码', help: '企业选填，18位，须通过校验。' },
  { key: 'address', header: '地址', help: '选填，最多200字。' },
  { key: 'county', header: '区县', help: '必填，区县名称（如“中牟县”）或6位行政区划代码。' },
  { key: 'lng', header: '经度', help: '选填，与纬度同时填写（如 113.62）。' },
  { key: 'lat', header: '纬度', help: '选填，与经度同时填写（如 34.75）。' },
] as const;
export type SiteSheetColumnKey = (typeof SITE_SHEET_COLUMNS)[number]['key'];
export type SiteSheetCells = Partial<Record<SiteSheetColumnKey, SheetCell>>;
export const SITE_SHEET_MAX_ROWS = 5000;

export interface SiteDraft {
  row: number;
  name: string;
  kind: SiteKind;
  creditCode: string | null;
  address: string | null;
  divisionCode: string;
  lat: number | null;
  lng: number | null;
}

export function parseSiteKind(raw: string): SiteKind | null {
  const v = raw.normalize('NFKC').replace(/\s/g, '');
  for (const code of SITE_KIND_CODES) if (v === code || v === SITE_KINDS[code]) return code;
  if (v === '企业' || v === '工业') return 'industrial';
  if (v === '工地') return 'construction_site';
  if (v === '堆场') return 'yard';
  return null;
}

function coordinate(raw: string, min: number, max: number): number | null | 'bad' {
  if (raw === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= min && n <= max ? n : 'bad';
}

/**
 * Validates a site sheet for one city. `existingCreditCodes` maps credit codes already in the
 * registry to the site's name, so a row that would duplicate a registered site is named.
 */
export function validateSiteSheet(
  rows: readonly SiteSheetCells[],
  opts: {
    cityCode: string;
    resolveCounty: CountyResolver;
    existingCreditCodes?: ReadonlyMap<string, string>;
    firstRowNumber?: number;
  },
): { ok: true; sites: SiteDraft[] } | { ok: false; errors: SheetError<SiteSheetColumnKey>[] } {
  const first = opts.firstRowNumber ?? 2;
  const errors: SheetError<SiteSheetColumnKey>[] = [];
  const sites: SiteDraft[] = [];
  const byCode = new Map<string, number>();
  const byName = new Map<string, number>();
  let dataRows = 0;
  rows.forEach((cells, i) => {
    if (SITE_SHEET_COLUMNS.every((c) => cellText(cells[c.key]) === '')) return;
    dataRows++;
    const row = first + i;
    const rowErrors: SheetError<SiteSheetColumnKey>[] = [];
    const err = (column: SiteSheetColumnKey | null, message: string) =>
      rowErrors.push({ row, column, message });
    const name = cellText(cells.name);
    if (name === '') err('name', '请填写点位名称');
    else if ([...name].length > 100) err('name', '点位名称不能超过100个字');
    const rawKind = cellText(cells.kind);
    const kind = rawKind === '' ? null : parseSiteKind(rawKind);
    if (rawKind === '') err('kind', '请填写点位类型');
    else if (!kind)
      err('kind', `点位类型“${rawKind}”不存在（可选：${Object.values(SITE_KINDS).join('、')}）`);
    const rawCode = cellText(cells.creditCode);
    const code = rawCode === '' ? null : normalizeCreditCode(rawCode.normalize('NFKC').replace(/\s/g, ''));
    if (code !== null && !isValidCreditCode(code))
      err('creditCode', `统一社会信用代码“${rawCode}”校验不通过`);
    else if (code && opts.existingCreditCodes?.has(code)) {
      err('creditCode', `点位库中已有该统一社会信用代码的点位“${opts.existingCreditCodes.get(code)}”`);
    }
    const address = cellText(cells.address);
    if ([...address].length > 200) err('address', '地址不能超过200个字');
    const county = cellText(cells.county);
    const resolved = county === '' ? null : opts.resolveCounty(county, opts.cityCode);
    if (!resolved) err('county', '请填写区县');
    else if (!resolved.ok) err('county', resolved.message);
    const lat = coordinate(cellText(cells.lat), 31, 37);
    const lng = coordinate(cellText(cells.lng), 110, 117);
    if (lat === 'bad') err('lat', '纬度应为河南省范围内的数字（31–37）');
    if (lng === 'bad') err('lng', '经度应为河南省范围内的数字（110–117）');
    if (lat !== 'bad' && lng !== 'bad' && (lat === null) !== (lng === null)) {
      err(lat === null ? 'lat' : 'lng', '经度和纬度须同时填写');
    }
    if (rowErrors.length === 0 && resolved?.ok && kind && lat !== 'bad' && lng !== 'bad') {
      const nameKey = `${resolved.code}|${foldText(name)}|${foldText(address)}`;
      const codeEarlier = code ? byCode.get(code) : undefined;
      const nameEarlier = byName.get(nameKey);
      if (codeEarlier !== undefined) err('creditCode', `统一社会信用代码与第${codeEarlier}行重复`);
      else if (nameEarlier !== undefined) err('name', `与第${nameEarlier}行重复（同一区县、同名同址）`);
      else {
        if (code) byCode.set(code, row);
        byName.set(nameKey, row);
        sites.push({
          row,
          name,
          kind,
          creditCode: code,
          address: address || null,
          divisionCode: resolved.code,
          lat,
          lng,
        });
      }
    }
    errors.push(...rowErrors);
  });
  if (dataRows === 0) errors.push({ row: null, column: null, message: '表格中没有数据行' });
  if (dataRows > SITE_SHEET_MAX_ROWS) {
    errors.push({
      row: null,
      column: null,
      message: `一次最多导入${SITE_SHEET_MAX_ROWS}个点位（现有${dataRows}行）`,
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, sites };
}
