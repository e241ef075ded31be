import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { AppError, TEXT_PROBLEM_MESSAGES, textProblem } from '@ancha/core';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { csvRows } from './csv.ts';
import { type BoundedZip, openBoundedZip } from './zip.ts';

/**
 * The one reader of uploaded spreadsheets (.xlsx, .csv) for every import: roster today,
 * checklists, 12369 clues, ledgers and sites as they come. Rows of cell text, read with
 * bounded memory: the workbook's parts are inflated as streams under one byte budget and the
 * sheet's XML is parsed as it arrives (SAX), so reading stops at `maxRows` or
 * `maxInflatedBytes`, whichever comes first — a 5 MB file that inflates to gigabytes is
 * refused after `maxInflatedBytes`, not after it has filled the heap.
 */
export interface SheetLimits {
  /** Rows with any content, the header included; one more is a 413. */
  maxRows: number;
  /** Inflated bytes of all parts read (sheet, shared strings, styles, workbook). */
  maxInflatedBytes: number;
  /** Cells to the right of this column are ignored (a stray cell at XFD must not make every row 16,384 wide). */
  maxColumns?: number;
  /** A stream is read into memory up to this many bytes (a zip needs its end first). */
  maxFileBytes?: number;
  /** The sheet to read by name; else the first. */
  sheet?: string;
  /** Else decided by the first bytes: a zip is .xlsx, anything else .csv. */
  format?: 'xlsx' | 'csv';
}

export interface SheetRow {
  /** The row number Excel shows (1-based), so messages point at the right line. */
  row: number;
  /** Cell text by column (0 = A); null for an empty cell. Dates as YYYY-MM-DD. */
  cells: (string | null)[];
}

export interface SheetRows {
  /** The sheet read (null for .csv). */
  sheet: string | null;
  rows: SheetRow[];
}

/** Excel's own limit for one cell; a longer one was not written by Excel and is not kept. */
export const MAX_CELL_CHARS = 32_767;
export const cellTooLong = (row: number | string) =>
  new AppError(
    'bad_request',
    `第 ${row} 行有单元格超过${MAX_CELL_CHARS}个字符（Excel 的上限），文件不予读取`,
  );

export const tooManyRows = (maxRows: number) =>
  new AppError('payload_too_large', `表格超过${maxRows}行，平台不予读取；请分批导入`, { maxRows });

export async function readSheetRows(input: Buffer | Readable, limits: SheetLimits): Promise<SheetRows> {
  const buf = Buffer.isBuffer(input) ? input : await collect(input, limits.maxFileBytes ?? 16 * 1024 * 1024);
  const isZip = buf.length > 4 && buf.readUInt32LE(0) === 0x04034b50;
  const format = limits.format ?? (isZip ? 'xlsx' : 'csv');
  if (format === 'csv') return { sheet: null, rows: checked(csvRows(buf, limits)) };
  if (!isZip) throw new AppError('unsupported_media_type', '文件不是 Excel 工作簿（.xlsx）');
  const zip = await openBoundedZip(buf, limits.maxInflatedBytes);
  try {
    return await readWorkbook(zip, limits);
  } finally {
    zip.close();
  }
}

async function collect(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) {
      stream.destroy();
      throw new AppError('payload_too_large', `文件超过${Math.round(max / 1024 / 1024)} MB`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Cell text is stored text like any request field: no lone surrogates, no NUL. */
function checked(rows: SheetRow[]): SheetRow[] {
  for (const r of rows)
    for (const c of r.cells) {
      const problem = c === null ? null : textProblem(c);
      if (problem) throw new AppError('bad_request', `第 ${r.row} 行${TEXT_PROBLEM_MESSAGES[problem]}`);
    }
  return rows;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);
const unreadable = () =>
  new AppError('bad_request', '无法读取该 Excel 文件（内容格式有误），请用 Excel 另存为 .xlsx 后重新上传');

/** Streams one XML part through a SAX parser; `onTag` sees open and close tags, `onText` text. */
async function parsePart(
  zip: BoundedZip,
  name: string,
  h: { open?(t: SaxesTagPlain): void; close?(t: SaxesTagPlain): void; text?(s: string): void },
): Promise<void> {
  const parser = new SaxesParser();
  let failed: unknown = null;
  parser.on('error', (e) => {
    failed ??= e;
  });
  if (h.open) parser.on('opentag', h.open);
  if (h.close) parser.on('closetag', h.close);
  if (h.text) parser.on('text', h.text);
  const decoder = new StringDecoder('utf8');
  for await (const chunk of zip.read(name)) {
    parser.write(decoder.write(chunk));
    if (failed) throw failed instanceof AppError ? failed : unreadable();
  }
  parser.write(decoder.end());
  parser.close();
  if (failed) throw failed instanceof AppError ? failed : unreadable();
}

const attr = (t: SaxesTagPlain, name: string) => {
  for (const [k, v] of Object.entries(t.attributes)) if (local(k) === name) return v;
  return undefined;
};

async function readWorkbook(zip: BoundedZip, limits: SheetLimits): Promise<SheetRows> {
  if (!zip.has('xl/workbook.xml')) throw unreadable();
  const sheets: { name: string; rid: string }[] = [];
  let date1904 = false;
  await parsePart(zip, 'xl/workbook.xml', {
    open(t) {
      if (local(t.name) === 'sheet') sheets.push({ name: attr(t, 'name') ?? '', rid: attr(t, 'id') ?? '' });
      if (local(t.name) === 'workbookPr') date1904 = ['1', 'true'].includes(attr(t, 'date1904') ?? '');
    },
  });
  const chosen = sheets.find((s) => s.name === limits.sheet) ?? sheets[0];
  if (!chosen) throw new AppError('import_failed', '工作簿中没有工作表', { rows: [] });
  const targets = new Map<string, string>();
  if (zip.has('xl/_rels/workbook.xml.rels'))
    await parsePart(zip, 'xl/_rels/workbook.xml.rels', {
      open(t) {
        if (local(t.name) === 'Relationship') targets.set(attr(t, 'Id') ?? '', attr(t, 'Target') ?? '');
      },
    });
  const target = targets.get(chosen.rid);
  const part = target ? (target.startsWith('/') ? target.slice(1) : `xl/${target}`) : null;
  if (!part || !zip.has(part)) throw unreadable();

  const shared = zip.has('xl/sharedStrings.xml') ? await sharedStrings(zip) : [];
  const dateStyles = zip.has('xl/styles.xml') ? await dateStyleIndexes(zip) : new Set<number>();
  const rows = await sheetRows(zip, part, { shared, dateStyles, date1904, limits });
  return { sheet: chosen.name, rows: checked(rows) };
}

/** The shared string table: each <si>'s text runs joined, phonetic guides (<rPh>) left out. */
async function sharedStrings(zip: BoundedZip): Promise<string[]> {
  const out: string[] = [];
  let current: string | null = null;
  let inT = false;
  let inPhonetic = 0;
  await parsePart(zip, 'xl/sharedStrings.xml', {
    open(t) {
      const n = local(t.name);
      if (n === 'si') current = '';
      else if (n === 'rPh') inPhonetic++;
      else if (n === 't') inT = true;
    },
    close(t) {
      const n = local(t.name);
      if (n === 'si') {
        out.push(current ?? '');
        current = null;
      } else if (n === 'rPh') inPhonetic--;
      else if (n === 't') inT = false;
    },
    text(s) {
      if (inT && !inPhonetic && current !== null) current += s;
      if (current !== null && current.length > MAX_CELL_CHARS) throw cellTooLong('共享字符串');
    },
  });
  return out;
}

// Built-in number formats that are dates (ECMA-376 §18.8.30, with the CJK ones 27–36, 50–58).
const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Which cell styles (the `s` index of a cell) show a number as a date. */
async function dateStyleIndexes(zip: BoundedZip): Promise<Set<number>> {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await parsePart(zip, 'xl/styles.xml', {
    open(t) {
      const n = local(t.name);
      if (n === 'numFmt') custom.set(Number(attr(t, 'numFmtId')), attr(t, 'formatCode') ?? '');
      else if (n === 'cellXfs') inCellXfs = true;
      else if (n === 'xf' && inCellXfs) xfFormats.push(Number(attr(t, 'numFmtId') ?? 0));
    },
    close(t) {
      if (local(t.name) === 'cellXfs') inCellXfs = false;
    },
  });
  const dates = new Set<number>();
  xfFormats.forEach((id, i) => {
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id)) dates.add(i);
  });
  return dates;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function serialDate(v: number, date1904: boolean): string {
  const ms = EXCEL_EPOCH_MS + (v + (date1904 ? 1462 : 0)) * 86_400_000;
  const iso = new Date(Math.round(ms / 1000) * 1000).toISOString();
  return Number.isInteger(v) ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function columnOf(ref: string | undefined): number | null {
  const m = ref ? /^([A-Z]{1,3})/.exec(ref) : null;
  if (!m) return null;
  let n = 0;
  for (const ch of m[1]!) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The sheet's rows, streamed: stops with 413 at the first row past `maxRows`. */
async function sheetRows(
  zip: BoundedZip,
  part: string,
  o: { shared: string[]; dateStyles: Set<number>; date1904: boolean; limits: SheetLimits },
): Promise<SheetRow[]> {
  const maxColumns = o.limits.maxColumns ?? 256;
  const rows: SheetRow[] = [];
  let row: SheetRow | null = null;
  let rowSeq = 0;
  let cell: { col: number; type: string; style: number; value: string; inline: string } | null = null;
  let colSeq = 0;
  let inV = false;
  let inT = false;
  await parsePart(zip, part, {
    open(t) {
      const n = local(t.name);
      if (n === 'row') {
        rowSeq = Number(attr(t, 'r')) || rowSeq + 1;
        row = { row: rowSeq, cells: [] };
        colSeq = 0;
      } else if (n === 'c' && row) {
        const col = columnOf(attr(t, 'r')) ?? colSeq;
        colSeq = col + 1;
        cell = { col, type: attr(t, 't') ?? 'n', style: Number(attr(t, 's') ?? 0), value: '', inline: '' };
      } else if (n === 'v') inV = true;
      else if (n === 't') inT = true;
    },
    text(s) {
      if (!cell) return;
      if (inV) cell.value += s;
      else if (inT) cell.inline += s;
      if (cell.value.length + cell.inline.length > MAX_CELL_CHARS) throw cellTooLong(rowSeq);
    },
    close(t) {
      const n = local(t.name);
      if (n === 'v') inV = false;
      else if (n === 't') inT = false;
      else if (n === 'c' && cell && row) {
        const text = cellText(cell, o);
        if (text !== null && text !== '' && cell.col < maxColumns) {
          while (row.cells.length < cell.col) row.cells.push(null);
          row.cells[cell.col] = text;
        }
        cell = null;
      } else if (n === 'row' && row) {
        if (row.cells.length) {
          if (rows.length >= o.limits.maxRows) throw tooManyRows(o.limits.maxRows);
          rows.push(row);
        }
        row = null;
      }
    },
  });
  return rows;
}

function cellText(
  c: { type: string; style: number; value: string; inline: string },
  o: { shared: string[]; dateStyles: Set<number>; date1904: boolean },
): string | null {
  switch (c.type) {
    case 's':
      return o.shared[Number(c.value)] ?? null;
    case 'inlineStr':
      return c.inline;
    case 'str':
    case 'e':
      return c.value;
    case 'b':
      return c.value === '1' ? 'TRUE' : c.value === '0' ? 'FALSE' : c.value;
    case 'd':
      return c.value.replace(/T00:00:00(\.0+)?Z?$/, '');
    default: {
      if (c.value === '') return null;
      const n = Number(c.value);
      if (!Number.isFinite(n)) return c.value;
      return o.dateStyles.has(c.style) ? serialDate(n, o.date1904) : String(n);
    }
  }
}
