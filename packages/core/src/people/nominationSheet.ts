/**
 * The nomination spreadsheet (提名表) a dispatching city fills in: its columns and how a row
 * becomes a nominee. Pure; the server's workbook reader hands over plain cell values.
 */
import type { z } from 'zod';
import { cityOf } from '../divisions.ts';
import { isIsoDate } from '../time.ts';
import { NOMINATED_ROLE_LABELS, NOMINATED_ROLES, type Nominee, nomineeInput } from './nominee.ts';
import { parsePositionCategory } from './positions.ts';

export const NOMINATION_SHEET = '提名人员';
export const NOMINATION_MAX_ROWS = 1000;

export const NOMINATION_COLUMNS = [
  { key: 'name', header: '姓名', width: 10, text: false },
  { key: 'phone', header: '手机号', width: 14, text: true },
  { key: 'homeDivisionCode', header: '所属行政区划代码', width: 18, text: true },
  { key: 'unit', header: '工作单位', width: 30, text: false },
  { key: 'position', header: '职务', width: 22, text: false },
  { key: 'certNumber', header: '执法证号', width: 20, text: true },
  { key: 'certIssuer', header: '发证机关', width: 20, text: false },
  { key: 'certIssuerDivisionCode', header: '发证机关行政区划代码', width: 20, text: true },
  { key: 'certValidFrom', header: '执法证有效期起', width: 16, text: false },
  { key: 'certValidUntil', header: '执法证有效期至', width: 16, text: false },
  { key: 'role', header: '提名为', width: 10, text: false },
] as const;
export type NominationColumnKey = (typeof NOMINATION_COLUMNS)[number]['key'];
export type NominationCell = string | number | Date | null;
export type NominationCells = Record<NominationColumnKey, NominationCell>;

export type NominationRowResult = { ok: true; value: Nominee } | { ok: false; errors: string[] };

const HEADER_OF = Object.fromEntries(NOMINATION_COLUMNS.map((c) => [c.key, c.header])) as Record<
  string,
  string
>;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function text(v: NominationCell): string {
  if (v === null) return '';
  if (v instanceof Date) return dateOf(v) ?? '';
  return String(v).trim();
}

function dateOf(v: NominationCell): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 18264 || v > 91311) return null;
    return new Date(EXCEL_EPOCH_MS + v * 86_400_000).toISOString().slice(0, 10);
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text(v));
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

export function isBlankNominationRow(cells: NominationCells): boolean {
  return NOMINATION_COLUMNS.every((c) => text(cells[c.key]) === '');
}

function issueMessage(issue: z.core.$ZodIssue): string {
  const key = String(issue.path[0]);
  const header = key === 'positionCategory' ? '职务' : (HEADER_OF[key] ?? key);
  if (key === 'positionCategory')
    return '职务无法识别为市支队业务骨干、县（区）中队长或副中队长、主管执法的副局长、支队长或副支队长，请写明';
  if (issue.code === 'too_big') return `${header}不能超过${issue.maximum}个字`;
  if (issue.code === 'invalid_type') return `${header}不能为空`;
  return `${header}：${issue.message}`;
}

/**
 * One row → a nominee, with every error of the row in Chinese naming its column. `cityCode`
 * (a dispatcher's own city) refuses rows of other cities: a city nominates only its staff.
 */
export function parseNominationRow(cells: NominationCells, cityCode?: string): NominationRowResult {
  const errors: string[] = [];
  const dates: Record<'certValidFrom' | 'certValidUntil', string | null> = {
    certValidFrom: null,
    certValidUntil: null,
  };
  for (const key of ['certValidFrom', 'certValidUntil'] as const) {
    if (text(cells[key]) === '') continue;
    dates[key] = dateOf(cells[key]);
    if (!dates[key]) errors.push(`${HEADER_OF[key]}应为日期，格式 YYYY-MM-DD（现为“${text(cells[key])}”）`);
  }
  const roleText = text(cells.role);
  const role = NOMINATED_ROLES.find((r) => NOMINATED_ROLE_LABELS[r] === roleText) ?? null;
  if (!role)
    errors.push(
      roleText === '' ? '提名为不能为空（填组长或组员）' : `提名为“${roleText}”无效，只能填组长或组员`,
    );
  const opt = (v: NominationCell) => (text(v) === '' ? null : text(v));
  const parsed = nomineeInput.safeParse({
    name: text(cells.name),
    phone: text(cells.phone),
    homeDivisionCode: text(cells.homeDivisionCode),
    unit: text(cells.unit),
    position: text(cells.position),
    positionCategory: parsePositionCategory(text(cells.position), text(cells.unit)) ?? undefined,
    certNumber: opt(cells.certNumber),
    certIssuer: opt(cells.certIssuer),
    certIssuerDivisionCode: opt(cells.certIssuerDivisionCode),
    ...dates,
    nominatedRole: role ?? 'member',
  });
  if (!parsed.success) errors.push(...parsed.error.issues.map(issueMessage));
  if (parsed.success && cityCode && cityOf(parsed.data.homeDivisionCode) !== cityCode) {
    errors.push(`所属行政区划${parsed.data.homeDivisionCode}不在本市（${cityCode}），只能提名本市人员`);
  }
  if (errors.length || !parsed.success) return { ok: false, errors };
  return { ok: true, value: parsed.data };
}

/**
 * The column a row error is about, read from the message's start (every message above names
 * its column first, by its header), for a report with row and column. Null when none does.
 */
export function nominationErrorColumn(message: string): NominationColumnKey | null {
  const byLength = [...NOMINATION_COLUMNS].sort((a, b) => b.header.length - a.header.length);
  const hit = byLength.find((c) => message.startsWith(c.header));
  if (hit) return hit.key;
  // 所属行政区划…不在本市 names the division by its value, not the full header.
  return message.startsWith('所属行政区划') ? 'homeDivisionCode' : null;
}
