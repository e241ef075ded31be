import {
  AppError,
  isBlankNominationRow,
  NOMINATED_ROLE_LABELS,
  NOMINATED_ROLES,
  NOMINATION_COLUMNS,
  NOMINATION_MAX_ROWS,
  NOMINATION_SHEET,
  type NominationCell,
  type NominationCells,
} from '@ancha/core';
import ExcelJS from 'exceljs';
import { looksLikeXlsx } from './rosterWorkbook.ts';

/** Spreadsheet mechanics of the nomination sheet (提名表); what a row means is core's. */

export interface NominationSheetRow {
  row: number;
  cells: NominationCells;
}

function cellIn(v: ExcelJS.CellValue): NominationCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return String(v);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return cellIn((v.result ?? null) as ExcelJS.CellValue);
  if ('hyperlink' in v) return cellIn(v.text as ExcelJS.CellValue);
  if ('error' in v) return String(v.error);
  return null;
}

export async function readNominationWorkbook(buf: Buffer): Promise<NominationSheetRow[]> {
  if (!looksLikeXlsx(buf)) {
    throw new AppError('unsupported_media_type', '文件不是 Excel 工作簿（.xlsx），请下载模板填写后上传');
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError('bad_request', '无法读取该 Excel 文件，请用模板另存为 .xlsx 后重新上传');
  }
  const ws = wb.getWorksheet(NOMINATION_SHEET) ?? wb.worksheets[0];
  if (!ws) throw new AppError('import_failed', '工作簿中没有工作表', { rows: [] });
  const colOf = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const t = cellIn(cell.value);
    if (typeof t === 'string') colOf.set(t.trim(), col);
  });
  const missing = NOMINATION_COLUMNS.filter((c) => !colOf.has(c.header)).map((c) => c.header);
  if (missing.length) {
    throw new AppError('import_failed', `提名表缺少列：${missing.join('、')}，请使用平台下载的模板`, {
      rows: [{ row: 1, errors: [`缺少列：${missing.join('、')}`] }],
    });
  }
  const rows: NominationSheetRow[] = [];
  ws.eachRow((row, number) => {
    if (number === 1) return;
    const cells = Object.fromEntries(
      NOMINATION_COLUMNS.map((c) => [c.key, cellIn(row.getCell(colOf.get(c.header)!).value)]),
    ) as NominationCells;
    if (!isBlankNominationRow(cells)) rows.push({ row: number, cells });
  });
  if (rows.length > NOMINATION_MAX_ROWS) {
    throw new AppError('payload_too_large', `一次最多导入${NOMINATION_MAX_ROWS}行，本文件有${rows.length}行`);
  }
  return rows;
}

/** The empty template with the columns, a role drop-down and text-formatted code columns. */
export async function buildNominationTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ancha 暗访核查平台';
  const ws = wb.addWorksheet(NOMINATION_SHEET);
  ws.columns = NOMINATION_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  NOMINATION_COLUMNS.forEach((c, i) => {
    if (c.text) ws.getColumn(i + 1).numFmt = '@';
  });
  const roleCol = ws.getColumn(NOMINATION_COLUMNS.findIndex((c) => c.key === 'role') + 1).letter;
  (
    ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations.add(`${roleCol}2:${roleCol}400`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${NOMINATED_ROLES.map((r) => NOMINATED_ROLE_LABELS[r]).join(',')}"`],
    showErrorMessage: true,
    error: '请选择组长或组员',
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
