import { AppError, type SheetCell } from '@ancha/core';
import ExcelJS from 'exceljs';
import { looksLikeXlsx } from './rosterWorkbook.ts';

/**
 * Spreadsheet mechanics of the dispatch imports and exports (pushed checklists, 12369 clues,
 * the hotline's reply sheet): .xlsx through exceljs as the roster import does, .csv through a
 * small RFC 4180 reader. What a row means is core's rule (checklistSheet, hotline).
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

function cellIn(v: ExcelJS.CellValue): SheetCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return String(v);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return cellIn((v.result ?? null) as ExcelJS.CellValue);
  if ('hyperlink' in v) return cellIn(v.text as ExcelJS.CellValue);
  return null;
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; a BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function headerError(missing: string[]): AppError {
  return new AppError('import_failed', `表格缺少列：${missing.join('、')}，请使用平台下载的模板`, {
    errors: [{ row: 1, column: null, message: `缺少列：${missing.join('、')}` }],
  });
}

/** Reads an uploaded .xlsx or .csv into rows keyed by the columns' keys, found by their headers. */
export async function readDispatchSheet(
  buf: Buffer,
  filename: string,
  columns: readonly SheetColumn[],
  maxRows: number,
): Promise<ReadRow[]> {
  let table: SheetCell[][];
  if (looksLikeXlsx(buf)) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    } catch {
      throw new AppError('bad_request', '无法读取该 Excel 文件，请用模板另存为 .xlsx 后重新上传');
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new AppError('import_failed', '工作簿中没有工作表', { errors: [] });
    table = [];
    ws.eachRow({ includeEmpty: true }, (r, n) => {
      const values: SheetCell[] = [];
      r.eachCell({ includeEmpty: true }, (c, col) => {
        values[col - 1] = cellIn(c.value);
      });
      table[n - 1] = values;
    });
  } else if (/\.csv$/i.test(filename) || !buf.includes(0)) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
    if (text.includes('\uFFFD')) {
      throw new AppError('unsupported_media_type', 'CSV 文件须为 UTF-8 编码（Excel 另存为“CSV UTF-8”）');
    }
    table = parseCsv(text);
  } else {
    throw new AppError(
      'unsupported_media_type',
      '文件须为 Excel 工作簿（.xlsx）或 CSV，请下载模板填写后上传',
    );
  }
  const header = (table[0] ?? []).map((c) => (typeof c === 'string' ? c.trim() : ''));
  const missing = columns.filter((c) => !header.includes(c.header)).map((c) => c.header);
  if (missing.length) throw headerError(missing);
  const at = new Map(columns.map((c) => [c.key, header.indexOf(c.header)]));
  const rows: ReadRow[] = [];
  for (let i = 1; i < table.length; i++) {
    const values = table[i] ?? [];
    const cells = Object.fromEntries(columns.map((c) => [c.key, values[at.get(c.key)!] ?? null]));
    if (Object.values(cells).every((v) => v === null || String(v).trim() === '')) continue;
    rows.push({ row: i + 1, cells });
  }
  if (rows.length > maxRows) {
    throw new AppError('payload_too_large', `一次最多导入${maxRows}行，本文件有${rows.length}行`);
  }
  return rows;
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
