import { AppError, type SheetCell } from '@ancha/core';
import ExcelJS from 'exceljs';
import { readSheetRows } from '../sheets/readSheetRows.ts';

/**
 * The one header-mapping reader of uploaded tables (.xlsx or .csv) for the imports (ledgers,
 * sites, PM2.5, pushed checklists, 12369 clues, nominations): rows of cells keyed by column,
 * found by their header in row 1. It reads through the bounded streaming reader
 * (sheets/readSheetRows.ts), so a workbook that inflates past `maxInflatedBytes` or holds more
 * than `maxRows` rows is refused (413) while it is read, never loaded whole. Cells arrive as
 * text (dates as YYYY-MM-DD, numbers as their digits); what a cell means is core's sheet rules.
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

export interface UploadedSheetOptions {
  /** Data rows (the header not counted); one more is a 413. */
  maxRows: number;
  /** Inflated bytes of the workbook's parts read; past it, a 413. */
  maxInflatedBytes: number;
  /** Only .xlsx is taken (the nomination sheet). */
  xlsxOnly?: boolean;
  /** The sheet to read by name; else the first. */
  sheet?: string;
  /** The error for missing columns, where an import's contract shapes it its own way. */
  missingColumns?: (headers: string[]) => AppError;
}

const missingColumnsError = (missing: string[]) =>
  new AppError('import_failed', `表格缺少列：${missing.join('、')}，请使用平台下载的模板`, {
    errors: missing.map((h) => ({ row: 1, column: null, header: h, message: `缺少列“${h}”` })),
  });

/** An .xlsx is a zip archive; anything else is refused before a parser sees it. */
export function looksLikeXlsx(buf: Buffer): boolean {
  return buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

/** A .csv (or .txt) upload that is text; anything else not a zip is not a table. */
const csvLike = (fileName: string, buf: Buffer) =>
  /\.(csv|txt)$/i.test(fileName) && !buf.subarray(0, 4096).includes(0);

/** Rows whose mapped cells are all empty are left out; row numbers stay those Excel shows. */
export async function readUploadedSheet<K extends string>(
  buf: Buffer,
  fileName: string,
  columns: readonly SheetColumn<K>[],
  opts: UploadedSheetOptions,
): Promise<UploadedRow<K>[]> {
  const xlsx = looksLikeXlsx(buf);
  if (!xlsx && (opts.xlsxOnly || !csvLike(fileName, buf))) {
    throw new AppError(
      'unsupported_media_type',
      opts.xlsxOnly
        ? '文件不是 Excel 工作簿（.xlsx），请下载模板填写后上传'
        : '文件应为 Excel 工作簿（.xlsx）或 CSV，请下载模板填写后上传',
    );
  }
  const { rows } = await readSheetRows(buf, {
    format: xlsx ? 'xlsx' : 'csv',
    maxRows: opts.maxRows + 1, // and the header
    maxInflatedBytes: opts.maxInflatedBytes,
    ...(opts.sheet ? { sheet: opts.sheet } : {}),
  });
  const header = rows[0]?.row === 1 ? rows[0] : undefined;
  const colOf = new Map<string, number>();
  header?.cells.forEach((h, i) => {
    const t = h?.trim();
    if (t && !colOf.has(t)) colOf.set(t, i);
  });
  const missing = columns.filter((c) => !c.optional && !colOf.has(c.header)).map((c) => c.header);
  if (missing.length) throw (opts.missingColumns ?? missingColumnsError)(missing);
  const present = columns.filter((c) => colOf.has(c.header));
  const out: UploadedRow<K>[] = [];
  for (const r of rows) {
    if (r === header) continue;
    const values = present.map((c) => [c.key, r.cells[colOf.get(c.header)!] ?? null] as const);
    if (values.some(([, v]) => v?.trim()))
      out.push({ row: r.row, cells: Object.fromEntries(values) as Partial<Record<K, SheetCell>> });
  }
  return out;
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
