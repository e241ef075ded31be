import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Hostile .xlsx files for the import tests and bench/zipbomb.ts: a real workbook's skeleton
 * (content types, workbook, its relations) around one sheet of `rows` repeated rows with a
 * `cellBytes`-character cell each (no row numbers: exceljs cannot read it, our reader can). Built in milliseconds without the inflated sheet ever
 * existing: one megabyte of rows is deflated once as a self-contained block (no references
 * before it, so it is valid anywhere in the stream) and repeated. With `claim`, the archive
 * says the sheet inflates to that many bytes, as a hand-made bomb would lie.
 */
export function xlsxBomb(o: {
  rows: number;
  cellBytes?: number;
  claim?: number;
  numbered?: boolean;
}): Buffer {
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  const tail = Buffer.from('</sheetData></worksheet>');
  const row = Buffer.from(
    `<row><c t="inlineStr"><is><t>${'x'.repeat(o.cellBytes ?? 100)}</t></is></c></row>`,
  );
  const perBlock = Math.max(1, Math.floor((1 << 20) / row.length));
  const block = Buffer.concat(Array.from({ length: perBlock }, () => row));
  const blocks = Math.floor(o.rows / perBlock);
  const rest = Buffer.concat(Array.from({ length: o.rows - blocks * perBlock }, () => row));

  if (o.numbered) return numberedBomb(o.rows, o.cellBytes ?? 100, head, tail);
  const pieces = [head, ...Array.from({ length: blocks }, () => block), rest, tail];
  const flushed = (b: Buffer) => deflateRawSync(b, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const deflatedBlock = flushed(block);
  const deflated = Buffer.concat([
    flushed(head),
    ...Array.from({ length: blocks }, () => deflatedBlock),
    flushed(rest),
    deflateRawSync(tail), // the final block
  ]);
  let crc = 0;
  let size = 0;
  for (const p of pieces) {
    crc = crc32(p, crc);
    size += p.length;
  }
  return workbookZip({
    name: 'xl/worksheets/sheet1.xml',
    method: 8,
    data: deflated,
    crc,
    size: o.claim ?? size,
  });
}

/**
 * The same bomb with numbered rows, as exceljs insists on (bench/zipbomb.ts measures the old
 * reader with it): every row differs, so the whole sheet is built and deflated — slow, and
 * only for the bench.
 */
function numberedBomb(rows: number, cellBytes: number, head: Buffer, tail: Buffer): Buffer {
  const cell = 'x'.repeat(cellBytes);
  const parts = [head];
  for (let r = 1; r <= rows; r++)
    parts.push(Buffer.from(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${cell}</t></is></c></row>`));
  parts.push(tail);
  const xml = Buffer.concat(parts);
  return workbookZip({
    name: 'xl/worksheets/sheet1.xml',
    method: 8,
    data: deflateRawSync(xml, { level: 6 }),
    crc: crc32(xml),
    size: xml.length,
  });
}

function workbookZip(sheet: ZipEntry): Buffer {
  return zipOf([
    stored(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    stored(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="人员名单" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    stored(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    sheet,
  ]);
}

interface ZipEntry {
  name: string;
  method: 0 | 8;
  data: Buffer;
  crc: number;
  /** The uncompressed size the archive declares. */
  size: number;
}

function stored(name: string, text: string): ZipEntry {
  const data = Buffer.from(text);
  return { name, method: 0, data, crc: crc32(data), size: data.length };
}

/** A plain zip (no zip64, no data descriptors): local headers and data, central directory, end record. */
function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
