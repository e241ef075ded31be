import { AppError } from '@ancha/core';
import { cellTooLong, MAX_CELL_CHARS, type SheetLimits, type SheetRow } from './readSheetRows.ts';

/**
 * A .csv as Excel and WPS save it: UTF-8 (with or without BOM) or, as Chinese Excel does
 * by default, GB18030; comma-separated, RFC 4180 quoting. The text is already in memory
 * (the upload's limit bounds it); rows stop at `maxRows` like the .xlsx reader's.
 */
export function csvRows(
  buf: Buffer,
  limits: Pick<SheetLimits, 'maxRows' | 'maxInflatedBytes' | 'maxColumns'>,
): SheetRow[] {
  if (buf.length > limits.maxInflatedBytes)
    throw new AppError(
      'payload_too_large',
      `文件超过${Math.round(limits.maxInflatedBytes / 1024 / 1024)} MB`,
    );
  const text = decode(buf);
  const maxColumns = limits.maxColumns ?? 256;
  const rows: SheetRow[] = [];
  let cells: (string | null)[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  const endField = () => {
    if (field.length > MAX_CELL_CHARS) throw cellTooLong(rowStart);
    if (cells.length < maxColumns) cells.push(field.trim() === '' ? null : field);
    field = '';
  };
  const endRow = () => {
    endField();
    while (cells.length && cells[cells.length - 1] === null) cells.pop();
    if (cells.length) {
      if (rows.length >= limits.maxRows)
        throw new AppError('payload_too_large', `表格超过${limits.maxRows}行，平台不予读取；请分批导入`, {
          maxRows: limits.maxRows,
        });
      rows.push({ row: rowStart, cells });
    }
    cells = [];
    rowStart = line;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      endRow();
    } else field += ch;
  }
  if (field !== '' || cells.length) endRow();
  return rows;
}

function decode(buf: Buffer): string {
  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}
