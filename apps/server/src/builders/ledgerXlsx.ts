import { shanghaiDate, shanghaiDateTime, shanghaiWallClock } from '@ancha/core';
import ExcelJS from 'exceljs';

/**
 * The problem ledger (附件2 暗访核查问题清单) as an .xlsx workbook: one row per problem on
 * 问题清单 with a frozen header and filters (printed on A3 landscape, header repeated), and
 * counts on 统计. Pure: rows in, bytes out.
 * Instants are written as Shanghai wall-clock Excel dates (Excel has no time zones).
 */
export interface LedgerRow {
  round: number | null;
  groupNumber: number;
  stationedCity: string;
  county: string;
  siteName: string;
  creditCode: string | null;
  category: string;
  kind: string;
  description: string;
  /** ISO instant. */
  foundAt: string;
  inspectors: string[];
  state: string;
  proposeCaseFiling: boolean;
  handoverNumber: string | null;
  /** ISO instant. */
  handedOverAt: string | null;
  bureau: string | null;
  /** YYYY-MM-DD. */
  deadline: string | null;
  receivedAt: string | null;
  feedbackAt: string | null;
  caseFiled: boolean | null;
  caseNumber: string | null;
  penaltyYuan: number | null;
  followUp: string | null;
  closedAt: string | null;
  /** 是 / 否 / 是（逾期反馈）, empty when never handed over. */
  overdue: string;
}

export interface LedgerData {
  title: string;
  /** What the export was filtered by, in words (shown under the title). */
  filterNote: string;
  /** ISO instant of the export. */
  generatedAt: string;
  rows: LedgerRow[];
  /** Orders of the 统计 sheet: every state and category label, zero counts included. */
  stateLabels: string[];
  categoryLabels: string[];
  /** The verification code of this copy, shown under the title and in the printed footer. */
  verificationCode?: string | null;
}

type Kind = 'text' | 'wrap' | 'int' | 'money' | 'date' | 'datetime';
interface Column {
  header: string;
  width: number;
  kind: Kind;
  value: (r: LedgerRow, i: number) => string | number | Date | null;
}

// Excel has no zones: a cell shows the Date's UTC fields, so a campaign-time wall clock is
// written as that UTC instant.
const instant = (iso: string | null) => (iso ? new Date(`${shanghaiWallClock(iso)}Z`) : null);
const day = (d: string | null) => (d ? new Date(`${d.slice(0, 10)}T00:00:00Z`) : null);
const dayOf = (iso: string | null) => (iso ? day(shanghaiDate(iso)) : null);
const yesNo = (b: boolean | null) => (b == null ? null : b ? '是' : '否');

export const LEDGER_COLUMNS: Column[] = [
  { header: '序号', width: 6, kind: 'int', value: (_r, i) => i + 1 },
  { header: '轮次', width: 6, kind: 'text', value: (r) => (r.round ? `第${r.round}轮` : null) },
  { header: '检查组', width: 8, kind: 'text', value: (r) => `第${r.groupNumber}组` },
  { header: '进驻市', width: 9, kind: 'text', value: (r) => r.stationedCity },
  { header: '区县', width: 10, kind: 'text', value: (r) => r.county },
  { header: '点位名称', width: 26, kind: 'wrap', value: (r) => r.siteName },
  { header: '统一社会信用代码', width: 21, kind: 'text', value: (r) => r.creditCode },
  { header: '问题类别', width: 18, kind: 'wrap', value: (r) => r.category },
  { header: '问题性质', width: 12, kind: 'text', value: (r) => r.kind },
  { header: '问题描述', width: 48, kind: 'wrap', value: (r) => r.description },
  { header: '发现时间', width: 16, kind: 'datetime', value: (r) => instant(r.foundAt) },
  { header: '检查人员', width: 14, kind: 'text', value: (r) => r.inspectors.join('、') },
  { header: '状态', width: 12, kind: 'text', value: (r) => r.state },
  { header: '建议立案', width: 9, kind: 'text', value: (r) => yesNo(r.proposeCaseFiling) },
  { header: '交办单编号', width: 24, kind: 'text', value: (r) => r.handoverNumber },
  { header: '交办日期', width: 11, kind: 'date', value: (r) => dayOf(r.handedOverAt) },
  { header: '接收单位', width: 24, kind: 'wrap', value: (r) => r.bureau },
  { header: '整改期限', width: 11, kind: 'date', value: (r) => day(r.deadline) },
  { header: '签收时间', width: 16, kind: 'datetime', value: (r) => instant(r.receivedAt) },
  { header: '反馈时间', width: 16, kind: 'datetime', value: (r) => instant(r.feedbackAt) },
  { header: '是否立案', width: 9, kind: 'text', value: (r) => yesNo(r.caseFiled) },
  { header: '案件编号', width: 20, kind: 'text', value: (r) => r.caseNumber },
  { header: '罚款(元)', width: 12, kind: 'money', value: (r) => r.penaltyYuan },
  { header: '回头看结果', width: 30, kind: 'wrap', value: (r) => r.followUp },
  { header: '销号时间', width: 16, kind: 'datetime', value: (r) => instant(r.closedAt) },
  { header: '是否超期', width: 12, kind: 'text', value: (r) => r.overdue || null },
];

const FORMATS: Partial<Record<Kind, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  money: '#,##0.00',
  int: '0',
};

const FONT = { name: '宋体', size: 10 };
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFD9E1F2' } };

/** Header row number on 问题清单 (title and filter note above it). */
export const LEDGER_HEADER_ROW = 3;

/** Lines a text wraps to in a column `width` characters wide (a Chinese character is two). */
export function wrappedLines(text: string, width: number): number {
  return text.split('\n').reduce((n, line) => {
    const units = [...line].reduce((u, ch) => u + (ch.charCodeAt(0) > 0xff ? 2 : 1.1), 0);
    return n + Math.max(1, Math.ceil(units / Math.max(1, width - 1)));
  }, 0);
}

function ledgerSheet(wb: ExcelJS.Workbook, d: LedgerData) {
  const ws = wb.addWorksheet('问题清单', {
    views: [
      { state: 'frozen', xSplit: 0, ySplit: LEDGER_HEADER_ROW, activeCell: `A${LEDGER_HEADER_ROW + 1}` },
    ],
    // A3 landscape (paper size 8), one page wide.
    pageSetup: {
      paperSize: 8 as ExcelJS.PaperSize,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  const n = LEDGER_COLUMNS.length;
  ws.columns = LEDGER_COLUMNS.map((c) => ({ width: c.width }));

  ws.mergeCells(1, 1, 1, n);
  const title = ws.getCell(1, 1);
  title.value = d.title;
  title.font = { name: '黑体', size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells(2, 1, 2, n);
  const note = ws.getCell(2, 1);
  const code = d.verificationCode ? `　核验码：${d.verificationCode}` : '';
  note.value = `${d.filterNote}　共${d.rows.length}条　导出时间：${shanghaiDateTime(d.generatedAt)}${code}`;
  if (d.verificationCode) {
    ws.headerFooter.oddFooter = `&L核验码：${d.verificationCode}&R第 &P 页，共 &N 页`;
  }
  note.font = { ...FONT, color: { argb: 'FF555555' } };

  const header = ws.getRow(LEDGER_HEADER_ROW);
  LEDGER_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  header.height = 28;

  d.rows.forEach((r, i) => {
    const row = ws.getRow(LEDGER_HEADER_ROW + 1 + i);
    let lines = 1;
    LEDGER_COLUMNS.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.value = c.value(r, i);
      if (c.kind === 'wrap' && typeof cell.value === 'string')
        lines = Math.max(lines, wrappedLines(cell.value, c.width));
      cell.font = FONT;
      cell.border = BORDER;
      const fmt = FORMATS[c.kind];
      if (fmt) cell.numFmt = fmt;
      cell.alignment = {
        vertical: 'middle',
        wrapText: c.kind === 'wrap',
        horizontal: c.kind === 'int' || c.kind === 'date' || c.kind === 'datetime' ? 'center' : undefined,
      };
    });
    // Neither Excel nor WPS grows a row for wrapped text written by a program: size it here.
    row.height = Math.max(18, lines * 13.5 + 4);
  });
  const last = LEDGER_HEADER_ROW + Math.max(d.rows.length, 1);
  ws.autoFilter = { from: { row: LEDGER_HEADER_ROW, column: 1 }, to: { row: last, column: n } };
  ws.pageSetup.printTitlesRow = `${LEDGER_HEADER_ROW}:${LEDGER_HEADER_ROW}`;
}

/** Counts of `labels` (in that order, zeros kept) among `values`, then any label not listed. */
export function countBy(values: string[], labels: string[]): [string, number][] {
  const counts = new Map<string, number>(labels.map((l) => [l, 0]));
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()];
}

function statsSheet(wb: ExcelJS.Workbook, d: LedgerData) {
  const ws = wb.addWorksheet('统计');
  ws.columns = [{ width: 26 }, { width: 10 }, { width: 4 }, { width: 26 }, { width: 10 }];
  ws.mergeCells(1, 1, 1, 5);
  ws.getCell(1, 1).value = `${d.title}统计`;
  ws.getCell(1, 1).font = { name: '黑体', size: 14, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.getCell(2, 1).value = d.filterNote;
  ws.getCell(2, 1).font = { ...FONT, color: { argb: 'FF555555' } };

  const table = (col: number, heading: string, entries: [string, number][]) => {
    const head = [heading, '问题数'];
    head.forEach((h, i) => {
      const c = ws.getCell(4, col + i);
      c.value = h;
      c.font = { ...FONT, bold: true };
      c.fill = HEADER_FILL;
      c.border = BORDER;
      c.alignment = { horizontal: 'center' };
    });
    [...entries, ['合计', entries.reduce((a, [, v]) => a + v, 0)] as [string, number]].forEach(
      ([label, v], i) => {
        const a = ws.getCell(5 + i, col);
        const b = ws.getCell(5 + i, col + 1);
        a.value = label;
        b.value = v;
        for (const c of [a, b]) {
          c.font = { ...FONT, bold: i === entries.length };
          c.border = BORDER;
        }
        b.numFmt = '0';
      },
    );
  };
  table(
    1,
    '状态',
    countBy(
      d.rows.map((r) => r.state),
      d.stateLabels,
    ),
  );
  table(
    4,
    '问题类别',
    countBy(
      d.rows.map((r) => r.category),
      d.categoryLabels,
    ),
  );
}

export async function buildLedgerXlsx(d: LedgerData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '暗访核查平台';
  wb.created = new Date(d.generatedAt);
  ledgerSheet(wb, d);
  statsSheet(wb, d);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
