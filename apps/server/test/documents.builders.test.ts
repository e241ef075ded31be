import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  attachmentDisposition,
  bureauName,
  categoryLabel,
  placeName,
  safeFileName,
} from '../src/builders/format.ts';
import { buildHandoverDocx, type HandoverDocData, MAX_FORM_PHOTOS } from '../src/builders/handoverDocx.ts';
import { buildLedgerXlsx, countBy, LEDGER_HEADER_ROW, type LedgerRow } from '../src/builders/ledgerXlsx.ts';

const base: HandoverDocData = {
  number: '豫环暗查〔2020〕第0007号',
  handedOverDate: '2020-10-21',
  bureauName: '郑州市中牟县生态环境分局',
  site: { name: '中牟某搅拌站', creditCode: null, address: null, place: '郑州市中牟县' },
  category: '扬尘治理（施工工地扬尘）',
  kind: '需持续整改',
  foundAt: '2020-10-21T02:05:00Z',
  group: { number: 1, stationedCity: '郑州市' },
  contact: { name: '王联络', phone: '13800000001', unit: '省生态环境监控中心' },
  description: '砂石料露天堆放未苫盖。\n场区道路未硬化。',
  proposeCaseFiling: false,
  requirements: '限期整改。',
  deadline: '2020-11-01',
  photos: [],
};

async function parts(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const read = (n: string) => zip.file(n)?.async('string') ?? Promise.resolve('');
  const footers = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => /word\/footer\d+\.xml/.test(n))
      .map(read),
  );
  return { zip, xml: await read('word/document.xml'), settings: await read('word/settings.xml'), footers };
}

describe('document text conventions', () => {
  it('names bureaus, places and categories', () => {
    expect(bureauName({ cityName: '郑州市', countyName: '金水区' })).toBe('郑州市金水区生态环境分局');
    expect(bureauName({ cityName: '郑州市' })).toBe('郑州市生态环境局');
    expect(bureauName({ cityName: '郑州市', countyName: '巩义市' })).toBe('巩义市生态环境局');
    expect(placeName('济源市', '济源市')).toBe('济源市');
    expect(categoryLabel('dust', 'road')).toBe('扬尘治理（道路扬尘）');
    expect(categoryLabel('key_area', null)).toBe('重点区域');
  });

  it('encodes a Chinese download name per RFC 5987, with an ASCII fallback', () => {
    const h = attachmentDisposition('环境问题交办单（豫环暗查〔2020〕第0001号）.docx', 'handover.docx');
    expect(h).toMatch(/^attachment; filename="handover.docx"; filename\*=UTF-8''%E7%8E%AF/);
    expect(decodeURIComponent(h.split("UTF-8''")[1]!)).toBe(
      '环境问题交办单（豫环暗查〔2020〕第0001号）.docx',
    );
    expect(attachmentDisposition("a'(b)*.xlsx", 'x.xlsx')).toContain("UTF-8''a%27%28b%29%2A.xlsx");
    expect(safeFileName('a/b:c?.docx')).toBe('a_b_c_.docx');
  });
});

describe('交办单 builder', () => {
  it('lays out A4 with the GB/T 9704 margins, East Asian fonts and "— N —" page numbers', async () => {
    const { xml, settings, footers, zip } = await parts(await buildHandoverDocx(base));
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    expect(footers).toHaveLength(2);
    for (const f of footers) expect(f).toMatch(/— <\/w:t>.*PAGE.*<w:t[^>]*> —/s);
    expect(Object.keys(zip.files).some((n) => n.startsWith('word/media/'))).toBe(false);
    const text = xml.replace(/<[^>]+>/g, '');
    for (const s of [
      '环境问题交办单',
      '郑州市中牟县生态环境分局：',
      '统一社会信用代码',
      '2020年11月1日前',
      '现场照片无',
      '2020年10月21日',
      '请于整改期限内通过暗访核查平台反馈',
      '驻郑州市暗访核查组',
      '省厅联系人',
      '王联络　省生态环境监控中心　13800000001',
    ]) {
      expect(text, s).toContain(s);
    }
    // The form goes to the inspected place: it never names who inspected.
    expect(text).not.toContain('检查人员');
  });

  it('prints photos scaled into the text block, captioned, with the rest counted', async () => {
    const tall = await sharp({ create: { width: 600, height: 1800, channels: 3, background: '#888' } })
      .png()
      .toBuffer();
    const wide = await sharp({ create: { width: 4000, height: 1000, channels: 3, background: '#444' } })
      .jpeg()
      .toBuffer();
    const photos = Array.from({ length: MAX_FORM_PHOTOS }, (_, i) => ({
      data: i % 2 ? tall : wide,
      type: (i % 2 ? 'png' : 'jpg') as 'png' | 'jpg',
      width: i % 2 ? 600 : 4000,
      height: i % 2 ? 1800 : 1000,
      capturedAt: '2020-10-21T02:06:00Z',
    }));
    const { xml } = await parts(await buildHandoverDocx({ ...base, photos, omittedPhotos: 2 }));
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('照片6');
    expect(text).toContain('拍摄时间：2020年10月21日10时06分');
    expect(text).toContain('共8张，附件列出6张');
    expect(text).toContain('另有现场照片2张');
    // Extents in EMU: never wider than 156 mm nor taller than the per-photo limit.
    const extents = [...xml.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"/g)].map((m) => [
      Number(m[1]) / 36000,
      Number(m[2]) / 36000,
    ]);
    expect(extents).toHaveLength(MAX_FORM_PHOTOS);
    for (const [w, h] of extents) {
      expect(w).toBeLessThanOrEqual(156);
      expect(h).toBeLessThanOrEqual(90);
    }
    expect(extents[0]![0]).toBeGreaterThan(150); // a wide photo takes the full width
  });
});

describe('ledger builder', () => {
  const row = (o: Partial<LedgerRow>): LedgerRow => ({
    round: 1,
    groupNumber: 1,
    stationedCity: '郑州市',
    county: '金水区',
    siteName: '某厂',
    creditCode: null,
    category: '扬尘治理',
    kind: '涉嫌环境违法',
    description: '未苫盖',
    foundAt: '2020-10-20T01:30:00Z',
    inspectors: ['张三', '李四'],
    state: '已交办',
    proposeCaseFiling: true,
    handoverNumber: '豫环暗查〔2020〕第0001号',
    handedOverAt: '2020-10-20T17:00:00Z',
    bureau: '郑州市金水区生态环境分局',
    deadline: '2020-10-30',
    receivedAt: null,
    feedbackAt: null,
    caseFiled: null,
    caseNumber: null,
    penaltyYuan: null,
    followUp: null,
    closedAt: null,
    overdue: '否',
    ...o,
  });

  it('counts in the given order, zeros kept', () => {
    expect(countBy(['b', 'a', 'b', 'x'], ['a', 'b', 'c'])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 0],
      ['x', 1],
    ]);
  });

  it('writes typed cells and a statistics sheet', async () => {
    const buf = await buildLedgerXlsx({
      title: '暗访核查问题清单',
      filterNote: '筛选条件：全部',
      generatedAt: '2020-10-21T12:00:00Z',
      rows: [row({}), row({ state: '已销号', category: '散煤禁用', penaltyYuan: 50000, caseFiled: true })],
      stateLabels: ['已交办', '已销号', '待上报'],
      categoryLabels: ['散煤禁用', '扬尘治理'],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('问题清单')!;
    const first = ws.getRow(LEDGER_HEADER_ROW + 1);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(16).value).toEqual(new Date('2020-10-21T00:00:00Z')); // 交办日期: the Shanghai day
    expect(ws.getRow(LEDGER_HEADER_ROW + 2).getCell(23).value).toBe(50000);
    const stats: unknown[][] = [];
    wb.getWorksheet('统计')!.eachRow((r) => stats.push((r.values as unknown[]).slice(1)));
    expect(stats).toContainEqual(['已销号', 1, undefined, '扬尘治理', 1]);
    expect(stats).toContainEqual(['待上报', 0, undefined, '合计', 2]);
    expect(stats).toContainEqual(['合计', 2]);
  });
});
