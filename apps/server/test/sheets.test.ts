import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheetRows } from '../src/sheets/readSheetRows.ts';
import { xlsxBomb } from './zipbomb.ts';

const MiB = 1024 * 1024;
// The csv test's text as Chinese Excel saves it (GB18030).
const GB18030 = Buffer.from(
  'd0d5c3fb2cb1b8d7a20d0a22cdf52ccee5222c22cbb52222bac322220ab5dab6fed0d0220d0a0d0ac0eecbc42c0d0a',
  'hex',
);
const limits = { maxRows: 100, maxInflatedBytes: 8 * MiB };

async function workbook(fill: (wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('readSheetRows', () => {
  it('reads cell text as Excel shows it: shared and rich strings, numbers, dates, booleans, formulas', async () => {
    const buf = await workbook((wb) => {
      wb.addWorksheet('说明').addRow(['not this one']);
      const ws = wb.addWorksheet('人员名单');
      ws.addRow(['姓名', '手机号', '有效期', '序号', '在岗', '合计']);
      ws.addRow([
        { richText: [{ text: '张' }, { text: '三', font: { bold: true } }] },
        13800138000,
        new Date(Date.UTC(2022, 11, 31)),
        1,
        true,
        { formula: 'D2+1', result: 2 },
      ]);
      ws.getCell('H3').value = '跳过空列';
    });
    const r = await readSheetRows(buf, { ...limits, sheet: '人员名单' });
    expect(r.sheet).toBe('人员名单');
    expect(r.rows).toEqual([
      { row: 1, cells: ['姓名', '手机号', '有效期', '序号', '在岗', '合计'] },
      { row: 2, cells: ['张三', '13800138000', '2022-12-31', '1', 'TRUE', '2'] },
      { row: 3, cells: [null, null, null, null, null, null, null, '跳过空列'] },
    ]);
    expect((await readSheetRows(buf, limits)).sheet).toBe('说明'); // no name: the first sheet
  });

  it('reads .csv in UTF-8 (with BOM) and in GB18030, with quoted commas, quotes and line breaks', async () => {
    const text = '姓名,备注\r\n"王,五","说""好""\n第二行"\r\n\r\n李四,\r\n';
    const want = [
      { row: 1, cells: ['姓名', '备注'] },
      { row: 2, cells: ['王,五', '说"好"\n第二行'] },
      { row: 5, cells: ['李四'] },
    ];
    expect((await readSheetRows(Buffer.from(`\uFEFF${text}`), limits)).rows).toEqual(want);
    expect((await readSheetRows(GB18030, limits)).rows).toEqual(want);
  });

  it('stops at the row limit while reading', async () => {
    await expect(readSheetRows(xlsxBomb({ rows: 5000, cellBytes: 10 }), limits)).rejects.toMatchObject({
      code: 'payload_too_large',
      details: { maxRows: 100 },
    });
  });

  it('refuses a zip bomb at the inflated-size limit, whether its sizes are honest or lie', async () => {
    const honest = xlsxBomb({ rows: 400_000, cellBytes: 250 }); // 0.5 MB, ~112 MB of sheet XML
    const liar = xlsxBomb({ rows: 400_000, cellBytes: 250, claim: 1024 });
    expect(honest.length).toBeLessThan(1 * MiB);
    const t0 = Date.now();
    await expect(readSheetRows(honest, { maxRows: 1e9, maxInflatedBytes: 8 * MiB })).rejects.toMatchObject({
      code: 'payload_too_large',
      details: { maxInflatedBytes: 8 * MiB },
    });
    // It claims 1 KB: refused as soon as the inflated bytes pass that claim (a broken archive).
    await expect(readSheetRows(liar, { maxRows: 1e9, maxInflatedBytes: 8 * MiB })).rejects.toMatchObject({
      code: 'bad_request',
    });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('refuses a cell longer than Excel allows, before reading on', async () => {
    await expect(readSheetRows(xlsxBomb({ rows: 10, cellBytes: 40_000 }), limits)).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('32767'),
    });
  });

  it('refuses what is not a workbook, and text that cannot be stored', async () => {
    await expect(readSheetRows(Buffer.from('PK\u0003\u0004 broken'), limits)).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(readSheetRows(Buffer.from('a,b\u0000c\n'), limits)).rejects.toMatchObject({
      code: 'bad_request',
    });
  });
});
