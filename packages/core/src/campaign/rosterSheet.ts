/**
 * The roster spreadsheet (人员名单) the dispatching cities fill in and the command group
 * imports: its columns, and how one row's cells become a person and a seat. Pure: the server
 * reads the workbook and hands over plain cell values; the console can reuse the column list.
 */
import type { z } from 'zod';
import {
  MEMBERSHIP_ROLE_LABELS,
  MEMBERSHIP_ROLES,
  type MembershipRole,
  type PersonBody,
  personBody,
} from '../schemas/people.ts';
import { isIsoDate } from '../time.ts';

export const ROSTER_SHEET = '人员名单';
export const ROSTER_HELP_SHEET = '填写说明';
export const ROSTER_GROUPS_SHEET = '核查组';
export const ROSTER_DIVISIONS_SHEET = '行政区划';
/** A round is ~250 people; the cap only keeps a runaway sheet from tying up the server. */
export const ROSTER_MAX_ROWS = 2000;

export const ROSTER_COLUMNS = [
  { key: 'name', header: '姓名', width: 10, text: false, help: '必填，最多32字。' },
  {
    key: 'phone',
    header: '手机号',
    width: 14,
    text: true,
    help: '必填，11位大陆手机号。导入时按手机号识别人员：已有人员更新信息，没有则新建；同一文件内不能重复。',
  },
  {
    key: 'homeDivisionCode',
    header: '所属行政区划代码',
    width: 18,
    text: true,
    help: '必填，本人执法证所属地市或区县的行政区划代码（4位地市或6位区县，见“行政区划”工作表）；省直单位填41。',
  },
  { key: 'unit', header: '工作单位', width: 28, text: false, help: '必填，最多100字。' },
  { key: 'position', header: '职务', width: 14, text: false, help: '选填，如“支队长”“大队副队长”。' },
  {
    key: 'certNumber',
    header: '执法证号',
    width: 20,
    text: true,
    help: '选填（资格审核时必需），按证件填写。',
  },
  {
    key: 'certValidUntil',
    header: '执法证有效期至',
    width: 16,
    text: false,
    help: '选填，日期格式 YYYY-MM-DD（如 2022-12-31），也可填写 Excel 日期。',
  },
  {
    key: 'groupNumber',
    header: '核查组序号',
    width: 12,
    text: false,
    help: '必填，见“核查组”工作表的序号（1–18）。异地交叉：组长、组员、资料调度组人员不能进驻本人所在地市。',
  },
  {
    key: 'role',
    header: '名单角色',
    width: 14,
    text: false,
    help: '必填，只能填：组长、组员、资料调度组、联络员。每组一名组长；联络员、资料调度组人数不超过分组表；组长和组员合计不超过派员总数减资料调度组人数。',
  },
] as const;

export type RosterColumnKey = (typeof ROSTER_COLUMNS)[number]['key'];
/** A cell as the workbook reader hands it over: text, a number, a date or nothing. */
export type RosterCell = string | number | Date | null;
export type RosterCells = Record<RosterColumnKey, RosterCell>;

export interface RosterRow {
  person: PersonBody;
  groupNumber: number;
  role: MembershipRole;
}

export type RosterRowResult = { ok: true; value: RosterRow } | { ok: false; errors: string[] };

const HEADER_OF = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, c.header])) as Record<
  RosterColumnKey,
  string
>;

export function rosterRoleFromLabel(label: string): MembershipRole | null {
  const t = label.trim();
  return MEMBERSHIP_ROLES.find((r) => MEMBERSHIP_ROLE_LABELS[r] === t) ?? null;
}

function text(v: RosterCell): string {
  if (v === null) return '';
  if (v instanceof Date) return sheetDate(v) ?? '';
  return String(v).trim();
}

// Excel's day 0 is 1899-12-30 (the 1900 leap-year bug folded in); readers give UTC midnights.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function sheetDate(v: RosterCell): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    // A serial day number in a cell not formatted as a date; outside 1950–2150 it is not a date.
    if (!Number.isInteger(v) || v < 18264 || v > 91311) return null;
    return new Date(EXCEL_EPOCH_MS + v * 86_400_000).toISOString().slice(0, 10);
  }
  // A serial day number read as text (a cell not formatted as a date, from a text reader).
  if (/^\d{5}$/.test(text(v))) return sheetDate(Number(text(v)));
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text(v));
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** Whether a row has nothing in it (trailing blank rows with formatting are common). */
export function isBlankRosterRow(cells: RosterCells): boolean {
  return ROSTER_COLUMNS.every((c) => text(cells[c.key]) === '');
}

/** Chinese message naming the column, for every way a field can be wrong. */
function issueMessage(issue: z.core.$ZodIssue): string {
  const key = issue.path[0] as RosterColumnKey;
  const header = HEADER_OF[key] ?? String(key);
  if (issue.code === 'too_big') return `${header}不能超过${issue.maximum}个字`;
  if (issue.code === 'invalid_type') return `${header}不能为空`;
  return `${header}：${issue.message}`;
}

/** Validates one data row: the person (same rules as the API), the group number and the role. */
export function parseRosterRow(cells: RosterCells): RosterRowResult {
  const errors: string[] = [];
  const certNumber = text(cells.certNumber);
  const rawDate = cells.certValidUntil;
  let certValidUntil: string | null = null;
  if (text(rawDate) !== '') {
    certValidUntil = sheetDate(rawDate);
    if (!certValidUntil) errors.push(`执法证有效期至应为日期，格式 YYYY-MM-DD（现为“${text(rawDate)}”）`);
  }
  const person = personBody.safeParse({
    name: text(cells.name),
    phone: text(cells.phone),
    homeDivisionCode: text(cells.homeDivisionCode),
    unit: text(cells.unit),
    position: text(cells.position),
    certNumber: certNumber === '' ? null : certNumber,
    certValidUntil,
  });
  if (!person.success) errors.push(...person.error.issues.map(issueMessage));

  const groupText = text(cells.groupNumber);
  const groupMatch = /^第?(\d{1,3})组?$/.exec(groupText);
  if (groupText === '') errors.push('核查组序号不能为空');
  else if (!groupMatch) errors.push(`核查组序号应为数字（现为“${groupText}”）`);

  const roleText = text(cells.role);
  const role = rosterRoleFromLabel(roleText);
  const labels = MEMBERSHIP_ROLES.map((r) => MEMBERSHIP_ROLE_LABELS[r]).join('、');
  if (roleText === '') errors.push(`名单角色不能为空（可填：${labels}）`);
  else if (!role) errors.push(`名单角色“${roleText}”无效，只能填：${labels}`);

  if (errors.length || !person.success || !groupMatch || !role) return { ok: false, errors };
  return { ok: true, value: { person: person.data, groupNumber: Number(groupMatch[1]), role } };
}

/** One row of an exported roster, in column order; the inverse of {@link parseRosterRow}. */
export function rosterRowCells(row: RosterRow): RosterCells {
  const p = row.person;
  return {
    name: p.name,
    phone: p.phone,
    homeDivisionCode: p.homeDivisionCode,
    unit: p.unit,
    position: p.position,
    certNumber: p.certNumber ?? null,
    certValidUntil: p.certValidUntil ?? null,
    groupNumber: row.groupNumber,
    role: MEMBERSHIP_ROLE_LABELS[row.role],
  };
}
