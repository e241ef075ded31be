import { AppError, type SheetCell } from '@ancha/core';
import ExcelJS from 'exceljs';
import { looksLikeXlsx } from './rosterWorkbook.ts';

/**
 * Reads an uploaded table (.xlsx or .csv) into rows of cells keyed by column, found by their
 * header in row 1. The one place the dispatch-area imports (ledgers, sites, PM2.5) touch sheet
 * mechanics, so a bounded streaming reader can replace it without the imports noticing. What a
 * cell means is decided by core's sheet rules.
 */
export interface UploadedRow<K extends string> {
  /** The row as Excel shows it (the header is row 1). */
  row: number;
  cells: Partial<Record<K, SheetCell>>;
}

export interface SheetColumn<K extends string> {
  key: K;
  header: string;
  /** Absent columns are refused unless optional. */
  optional?: boolean;
}

export async function readUploadedSheet<K extends string>(
  buf: Buffer,
  fileName: string,
  columns: readonly SheetColumn<K>[],
  opts: { maxRows: number },
): Promise<UploadedRow<K>[]> {
  const table = looksLikeXlsx(buf) ? await xlsxTable(buf) : csvLike(fileName, buf) ? csvTable(buf) : null;
  if (!table) {
    throw new AppError(
      'unsupported_media_type',
      '文件应为 Excel 工作簿（.xlsx）或 CSV，请下载模板填写后上传',
    );
  }
  const [header = [], ...body] = table;
  const colOf = new Map<string, number>();
  header.forEach((h, i) => {
    if (typeof h === 'string' && h.trim() !== '' && !colOf.has(h.trim())) colOf.set(h.trim(), i);
  });
  const missing = columns.filter((c) => !c.optional && !colOf.has(c.header)).map((c) => c.header);
  if (missing.length) {
    throw new AppError('import_failed', `表格缺少列：${missing.join('、')}，请使用平台下载的模板`, {
      errors: missing.map((h) => ({ row: 1, column: null, header: h, message: `缺少列“${h}”` })),
    });
  }
  if (body.length > opts.maxRows + 1000) {
    throw new AppError('payload_too_large', `一次最多导入${opts.maxRows}行，本文件有${body.length}行`);
  }
  return body.map((cells, i) => ({
    row: i + 2,
    cells: Object.fromEntries(
      columns.filter((c) => colOf.has(c.header)).map((c) => [c.key, cells[colOf.get(c.header)!] ?? null]),
    ) as Partial<Record<K, SheetCell>>,
  }));
}

function cellIn(v: ExcelJS.CellValue): SheetCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return String(v);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return cellIn((v.result ?? null) as ExcelJS.CellValue);
  if ('hyperlink' in v) return cellIn(v.text as ExcelJS.CellValue);
  if ('error' in v) return String(v.error);
  return null;
}

async function xlsxTable(buf: Buffer): Promise<SheetCell[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError('bad_request', '无法读取该 Excel 文件，请用模板另存为 .xlsx 后重新上传');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('import_failed', '工作簿中没有工作表', { errors: [] });
  const out: SheetCell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: SheetCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellIn(cell.value);
    });
    out[number - 1] = cells;
  });
  for (let i = 0; i < out.length; i++) out[i] ??= [];
  return out;
}

function csvLike(fileName: string, buf: Buffer): boolean {
  if (!/\.(csv|txt)$/i.test(fileName)) return false;
  return !buf.subarray(0, 4096).includes(0);
}

/** Excel saves CSV as GB18030 on Chinese Windows, UTF-8 (with BOM) elsewhere: both are read. */
function decode(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
function csvTable(buf: Buffer): SheetCell[][] {
  const text = decode(buf);
  const rows: SheetCell[][] = [];
  let row: SheetCell[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
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

/** A template: the header row, a help row of comments, widths; what the imports hand out. */
export async function sheetTemplate(
  title: string,
  columns: readonly { header: string; help: string }[],
  examples: readonly (string | number)[][] = [],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(title);
  ws.columns = columns.map((c) => ({ header: c.header, width: Math.max(14, c.header.length * 3) }));
  ws.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    ws.getRow(1).getCell(i + 1).note = c.help;
  });
  for (const e of examples) ws.addRow(e);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', width: 20 },
    { header: '填写要求', width: 80 },
  ];
  for (const c of columns) help.addRow([c.header, c.help]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
