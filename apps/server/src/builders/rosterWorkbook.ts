import {
  AppError,
  MEMBERSHIP_ROLE_LABELS,
  MEMBERSHIP_ROLES,
  ROSTER_COLUMNS,
  ROSTER_DIVISIONS_SHEET,
  ROSTER_GROUPS_SHEET,
  ROSTER_HELP_SHEET,
  ROSTER_MAX_ROWS,
  ROSTER_SHEET,
  type RosterCell,
  type RosterCells,
} from '@ancha/core';
import ExcelJS from 'exceljs';
import { readUploadedSheet } from './uploadedSheet.ts';

/**
 * Reading and writing the roster workbook (人员名单). Only spreadsheet mechanics live here;
 * what a row means is decided by core's rosterSheet rules.
 */

export { looksLikeXlsx } from './uploadedSheet.ts';

export interface WorkbookGroup {
  number: number;
  stationedCity: string;
  dispatchingCities: string;
  headcount: number;
  dataDeskCount: number;
  liaisonCount: number;
}
export interface WorkbookDivision {
  code: string;
  name: string;
  level: string;
  parentName: string;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
// Validation drop-downs reach this far; rows below still import, they only lack the check.
const TEMPLATE_ROWS = 400;

function table(
  ws: ExcelJS.Worksheet,
  columns: { header: string; width: number }[],
  rows: (string | number)[][],
) {
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.addRows(rows);
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The template (no `rows`) or an export of a round's roster (with `rows`), same columns either way. */
export async function buildRosterWorkbook(opts: {
  groups: WorkbookGroup[];
  divisions: WorkbookDivision[];
  rows?: RosterCells[];
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ancha 暗访核查平台';
  const ws = wb.addWorksheet(ROSTER_SHEET);
  table(
    ws,
    ROSTER_COLUMNS.map((c) => ({ header: c.header, width: c.width })),
    (opts.rows ?? []).map((r) => ROSTER_COLUMNS.map((c) => cellOut(r[c.key]))),
  );
  const last = Math.max(TEMPLATE_ROWS, (opts.rows?.length ?? 0) + 1);
  ROSTER_COLUMNS.forEach((c, i) => {
    // Text format keeps phones, codes and certificate numbers from turning into numbers.
    if (c.text) ws.getColumn(i + 1).numFmt = '@';
  });
  const col = (key: string) => ws.getColumn(ROSTER_COLUMNS.findIndex((c) => c.key === key) + 1).letter;
  const roleList = `"${MEMBERSHIP_ROLES.map((r) => MEMBERSHIP_ROLE_LABELS[r]).join(',')}"`;
  const maxGroup = Math.max(1, ...opts.groups.map((g) => g.number));
  // One range per column: exceljs's per-cell validations merge into overlapping ranges,
  // which Excel then offers to "repair".
  const validations = (
    ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  validations.add(`${col('role')}2:${col('role')}${last}`, {
    type: 'list',
    allowBlank: true,
    formulae: [roleList],
    showErrorMessage: true,
    error: '请从列表中选择名单角色',
  });
  validations.add(`${col('groupNumber')}2:${col('groupNumber')}${last}`, {
    type: 'whole',
    operator: 'between',
    allowBlank: true,
    formulae: [1, maxGroup],
    showErrorMessage: true,
    error: '请填写“核查组”工作表中的序号',
  });

  const help = wb.addWorksheet(ROSTER_HELP_SHEET);
  table(
    help,
    [
      { header: '列名', width: 18 },
      { header: '填写说明', width: 100 },
    ],
    [
      ...ROSTER_COLUMNS.map((c) => [c.header, c.help]),
      ['', ''],
      ['总体要求', `每行一人，从第2行起填写，不要改动第1行列名；一次最多${ROSTER_MAX_ROWS}行。`],
      [
        '整体校验',
        '导入时逐行校验，任何一行有误则整份名单都不保存，并列出出错的行号和原因；改正后重新导入即可。',
      ],
      [
        '人员识别',
        '按手机号识别人员：系统中已有该手机号的人员将按本表更新姓名、单位等信息；职务、执法证号、有效期留空的，保留系统中原有内容。',
      ],
      ['调整分组', '本轮名单中已有的人员，将调整为本表所填的核查组和名单角色；表中没有的人员保持不变。'],
      [
        '异地交叉',
        '组长、组员和资料调度组人员不能进驻本人所在地市（含所辖区县）；联络员由省厅统一安排，不受此限。',
      ],
    ],
  );
  help.getColumn(2).alignment = { wrapText: true, vertical: 'top' };

  table(
    wb.addWorksheet(ROSTER_GROUPS_SHEET),
    [
      { header: '序号', width: 8 },
      { header: '进驻市', width: 12 },
      { header: '派员地市', width: 24 },
      { header: '派员总数（含组长）', width: 18 },
      { header: '其中资料调度组', width: 16 },
      { header: '联络员', width: 8 },
    ],
    opts.groups.map((g) => [
      g.number,
      g.stationedCity,
      g.dispatchingCities,
      g.headcount,
      g.dataDeskCount,
      g.liaisonCount,
    ]),
  );

  const divisions = wb.addWorksheet(ROSTER_DIVISIONS_SHEET);
  table(
    divisions,
    [
      { header: '代码', width: 10 },
      { header: '名称', width: 20 },
      { header: '级别', width: 8 },
      { header: '所属地市', width: 14 },
    ],
    opts.divisions.map((d) => [d.code, d.name, d.level, d.parentName]),
  );
  divisions.getColumn(1).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellOut(v: RosterCell): string | number {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v;
}

export interface SheetRow {
  /** The row number Excel shows, so error reports point at the right line. */
  row: number;
  cells: RosterCells;
}

/** A roster of 2,000 rows is about 2 MB of sheet XML; 20 MB leaves room for formatting, not for a zip bomb. */
export const ROSTER_MAX_INFLATED_BYTES = 20 * 1024 * 1024;

/**
 * Reads the 人员名单 sheet (or the first sheet) of an uploaded workbook into plain rows,
 * through the bounded reader (sheets/readSheetRows.ts): a file that inflates past
 * ROSTER_MAX_INFLATED_BYTES or holds more than ROSTER_MAX_ROWS rows is refused while
 * it is read.
 */
export async function readRosterWorkbook(buf: Buffer): Promise<SheetRow[]> {
  const rows = await readUploadedSheet(buf, '', ROSTER_COLUMNS, {
    xlsxOnly: true,
    sheet: ROSTER_SHEET,
    maxRows: ROSTER_MAX_ROWS,
    maxInflatedBytes: ROSTER_MAX_INFLATED_BYTES,
    missingColumns: (missing) =>
      new AppError('import_failed', `名单缺少列：${missing.join('、')}，请使用平台下载的模板`, {
        rows: [{ row: 1, errors: [`缺少列：${missing.join('、')}`] }],
      }),
  });
  return rows.map((r) => ({ row: r.row, cells: r.cells as RosterCells }));
}
