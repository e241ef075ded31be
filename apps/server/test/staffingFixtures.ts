import { PLAN_2020 } from '@ancha/core';
import ExcelJS from 'exceljs';

/** Staffing test data: nominees as a dispatching city would send them, sheets as they fill them in. */

export const NOMINATION_HEADERS = [
  '姓名',
  '手机号',
  '所属行政区划代码',
  '工作单位',
  '职务',
  '执法证号',
  '发证机关',
  '发证机关行政区划代码',
  '执法证有效期起',
  '执法证有效期至',
  '提名为',
];
export type SheetRow = (string | number | Date | null)[];

export async function nominationBook(rows: SheetRow[], headers = NOMINATION_HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('提名人员');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let phone = 13900000000;
export const nextPhone = () => String(++phone);

/** A qualified nominee's sheet row of city `code` (home = city, card issued by the city). */
export function nomineeRow(
  code: string,
  o: { role?: '组长' | '组员'; name?: string; issuer?: string } = {},
): SheetRow {
  const p = nextPhone();
  const leader = o.role === '组长';
  return [
    o.name ?? `人员${p.slice(-4)}`,
    p,
    code,
    '市生态环境保护综合行政执法支队',
    leader ? '副支队长' : '执法一科科员',
    `豫${code}${p.slice(-6)}`,
    '市人民政府',
    o.issuer ?? code,
    '2019-01-01',
    '2023-12-31',
    o.role ?? '组员',
  ];
}

/** The same nominee as the POST /nominations body. */
export function nomineeBody(
  roundId: string,
  code: string,
  o: { role?: 'leader' | 'member'; issuer?: string } = {},
) {
  const p = nextPhone();
  const leader = o.role === 'leader';
  return {
    roundId,
    name: `人员${p.slice(-4)}`,
    homeDivisionCode: code,
    unit: '市生态环境保护综合行政执法支队',
    position: leader ? '副支队长' : '执法一科科员',
    positionCategory: leader ? 'detachment_deputy_head' : 'detachment_staff',
    certNumber: `豫${code}${p.slice(-6)}`,
    certIssuer: '市人民政府',
    certIssuerDivisionCode: o.issuer ?? code,
    certValidFrom: '2019-01-01',
    certValidUntil: '2023-12-31',
    phone: p,
    nominatedRole: o.role ?? 'member',
  };
}

/** Every city of the plan with a leader and `members` members: enough for the planner to staff a round. */
export function allCitiesRows(members = 15): SheetRow[] {
  const rows: SheetRow[] = [];
  for (const g of PLAN_2020.groups) {
    rows.push(nomineeRow(g.stationedCityCode, { role: '组长' }));
    for (let i = 0; i < members; i++) rows.push(nomineeRow(g.stationedCityCode));
  }
  return rows;
}
