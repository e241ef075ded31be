import { AppError, type SheetCell } from '@ancha/core';
import ExcelJS from 'exceljs';
import { readUploadedSheet } from './uploadedSheet.ts';

/**
 * Spreadsheet mechanics of the dispatch imports and exports (pushed checklists, 12369 clues,
 * the hotline's reply sheet): uploads are read by the bounded reader (uploadedSheet.ts), the
 * templates and the reply sheet written with exceljs. What a row means is core's rule (checklistSheet, hotline).
 */

export interface SheetColumn {
  key: string;
  header: string;
  help: string;
}

export interface ReadRow {
  /** The row number a spreadsheet shows (the header is row 1). */
  row: number;
  cells: Record<string, SheetCell>;
}

/** Sheets of up to 2,000 rows are a few MB of XML; 20 MB leaves room for formatting, not for a zip bomb. */
export const DISPATCH_SHEET_MAX_INFLATED_BYTES = 20 * 1024 * 1024;

/** Reads an uploaded .xlsx or .csv into rows keyed by the columns' keys, found by their headers. */
export async function readDispatchSheet(
  buf: Buffer,
  filename: string,
  columns: readonly SheetColumn[],
  maxRows: number,
): Promise<ReadRow[]> {
  const rows = await readUploadedSheet(buf, filename, columns, {
    maxRows,
    maxInflatedBytes: DISPATCH_SHEET_MAX_INFLATED_BYTES,
    missingColumns: (missing) =>
      new AppError('import_failed', `表格缺少列：${missing.join('、')}，请使用平台下载的模板`, {
        errors: [{ row: 1, column: null, message: `缺少列：${missing.join('、')}` }],
      }),
  });
  // Every column is required, so every key is there.
  return rows as ReadRow[];
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  headers: { header: string; width: number }[],
  rows: unknown[][],
) {
  const ws = wb.addWorksheet(name);
  ws.columns = headers.map((h) => ({ header: h.header, width: h.width }));
  ws.addRows(rows);
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).eachCell((c) => {
    c.fill = HEADER_FILL;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return ws;
}

/** An import template: the columns (text-formatted) with one example row, and a 填写说明 sheet. */
export async function buildTemplate(
  title: string,
  columns: readonly SheetColumn[],
  example: Record<string, string>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ancha 暗访核查平台';
  const ws = sheet(
    wb,
    title,
    columns.map((c) => ({ header: c.header, width: Math.max(14, c.header.length * 4) })),
    [columns.map((c) => example[c.key] ?? '')],
  );
  columns.forEach((_, i) => {
    ws.getColumn(i + 1).numFmt = '@';
  });
  const help = sheet(
    wb,
    '填写说明',
    [
      { header: '列名', width: 16 },
      { header: '填写说明', width: 100 },
    ],
    [
      ...columns.map((c) => [c.header, c.help]),
      ['', ''],
      ['总体要求', '第1行为列名，请勿改动；第2行为示例，导入前请删除或改写。也可另存为“CSV UTF-8”后导入。'],
      ['整体校验', '导入时逐行校验，任何一行有误则整份表格都不保存，并列出出错的行号、列和原因。'],
    ],
  );
  help.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A plain table workbook (the 12369 reply sheet). */
export async function buildTable(
  title: string,
  headers: { header: string; width: number }[],
  rows: (string | number | null)[][],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ancha 暗访核查平台';
  const ws = sheet(wb, title, headers, rows);
  ws.eachRow((r, n) => {
    if (n > 1) r.alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
