import {
  AppError,
  NOMINATED_ROLE_LABELS,
  NOMINATED_ROLES,
  NOMINATION_COLUMNS,
  NOMINATION_MAX_ROWS,
  NOMINATION_SHEET,
  type NominationCells,
} from '@ancha/core';
import ExcelJS from 'exceljs';
import { readUploadedSheet } from './uploadedSheet.ts';

/** Spreadsheet mechanics of the nomination sheet (提名表); what a row means is core's. */

export interface NominationSheetRow {
  row: number;
  cells: NominationCells;
}

/** A sheet of 1,000 nominations is about 1 MB of XML; 10 MB leaves room for formatting, not for a zip bomb. */
export const NOMINATION_MAX_INFLATED_BYTES = 10 * 1024 * 1024;

export async function readNominationWorkbook(buf: Buffer): Promise<NominationSheetRow[]> {
  const rows = await readUploadedSheet(buf, '', NOMINATION_COLUMNS, {
    xlsxOnly: true,
    sheet: NOMINATION_SHEET,
    maxRows: NOMINATION_MAX_ROWS,
    maxInflatedBytes: NOMINATION_MAX_INFLATED_BYTES,
    missingColumns: (missing) =>
      new AppError('import_failed', `提名表缺少列：${missing.join('、')}，请使用平台下载的模板`, {
        rows: [{ row: 1, errors: [`缺少列：${missing.join('、')}`] }],
      }),
  });
  return rows.map((r) => ({ row: r.row, cells: r.cells as NominationCells }));
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
