import { chineseDate, chineseDateTime } from '@ancha/core';
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeightRule,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import {
  bodyParagraph,
  DOCUMENT_STYLES,
  emptyLine,
  fontTableXml,
  mm,
  PAGE,
  pageNumberFooters,
  run,
  SIZE,
  signature,
  TEXT_WIDTH,
  TEXT_WIDTH_MM,
  type VerificationStamp,
  verificationBlock,
} from './docxKit.ts';

/** Everything the 《环境问题交办单》 (附件2) shows, already resolved to display text. */
export interface HandoverDocData {
  number: string;
  /** Shanghai calendar date of the handover (YYYY-MM-DD). */
  handedOverDate: string;
  bureauName: string;
  site: { name: string; creditCode: string | null; address: string | null; place: string };
  category: string;
  kind: string;
  /** ISO instant the site was inspected. */
  foundAt: string;
  group: { number: number; stationedCity: string };
  /**
   * Whom the bureau calls: the province's contact. The form goes to the inspected place, where
   * the same inspectors keep working covertly, so it never names them.
   */
  contact: { name: string; phone: string; unit: string | null } | null;
  description: string;
  proposeCaseFiling: boolean;
  requirements: string;
  deadline: string;
  feedbackRequirement?: string;
  /** The handover this one repeats after a follow-up found the problem not fixed. */
  previous?: { number: string; date: string; deadline: string; findings: string | null } | null;
  photos: HandoverPhoto[];
  /** Photos of the inspection not shown (beyond the limit or not embeddable). */
  omittedPhotos?: number;
  issuer?: string;
  /** The verification code of this copy, printed on every page and, with its QR code, at the end. */
  stamp?: VerificationStamp | null;
}

export interface HandoverPhoto {
  data: Buffer;
  type: 'jpg' | 'png';
  /** Upright pixel size, used only for the aspect ratio. */
  width: number;
  height: number;
  /** ISO instant of capture, when known. */
  capturedAt?: string | null;
}

export const DEFAULT_ISSUER = '省生态环境厅暗访核查指挥调度组';
export const DEFAULT_FEEDBACK_REQUIREMENT =
  '请于整改期限内通过暗访核查平台反馈调查核实情况、整改措施、立案处罚情况及整改后现场照片（作为销号依据）。逾期未反馈的，视为未完成整改。';
/** At most this many photos are printed on the form; the rest stay on the platform. */
export const MAX_FORM_PHOTOS = 6;

const PX_PER_MM = 96 / 25.4;
const PHOTO_MAX_HEIGHT_MM = 82;

// Four columns: label, value, label, value (25 + 56 + 21 + 54 = 156 mm).
const COLUMNS = [mm(25), mm(56), mm(21)];
COLUMNS.push(TEXT_WIDTH - COLUMNS.reduce((a, b) => a + b, 0));

const LINE = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const BORDERS = {
  top: LINE,
  bottom: LINE,
  left: LINE,
  right: LINE,
  insideHorizontal: LINE,
  insideVertical: LINE,
};
const CELL_MARGINS = { top: 40, bottom: 40, left: 90, right: 90 };

interface CellOptions {
  label?: boolean;
  /** First column of the cell (0–3). */
  col: number;
  span?: number;
  /** Keep with the next paragraph: the last row holds the signature on its page. */
  keepNext?: boolean;
}

function cellParagraphs(text: string, o: CellOptions) {
  const lines = text.split(/\r?\n/).filter((l, _i, all) => l.trim() !== '' || all.length === 1);
  return lines.map(
    (line) =>
      new Paragraph({
        alignment: o.label ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
        spacing: { line: 330, lineRule: LineRuleType.EXACT },
        keepNext: o.keepNext,
        children: [run(line, o.label ? 'heading' : 'body', SIZE.xiaosi)],
      }),
  );
}

function cell(text: string, o: CellOptions) {
  const span = o.span ?? 1;
  const width = COLUMNS.slice(o.col, o.col + span).reduce((a, b) => a + b, 0);
  return new TableCell({
    columnSpan: span > 1 ? span : undefined,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: CELL_MARGINS,
    children: cellParagraphs(text || '—', o),
  });
}

function row(cells: TableCell[], minHeightMm = 7.5) {
  return new TableRow({
    cantSplit: minHeightMm <= 20,
    height: { value: mm(minHeightMm), rule: HeightRule.ATLEAST },
    children: cells,
  });
}

/** A row of one label and a value spanning the rest. */
const wide = (label: string, value: string, minHeightMm?: number, keepNext?: boolean) =>
  row(
    [cell(label, { label: true, col: 0, keepNext }), cell(value, { col: 1, span: 3, keepNext })],
    minHeightMm,
  );
/** A row of two label/value pairs. */
const pair = (l1: string, v1: string, l2: string, v2: string) =>
  row([
    cell(l1, { label: true, col: 0 }),
    cell(v1, { col: 1 }),
    cell(l2, { label: true, col: 2 }),
    cell(v2, { col: 3 }),
  ]);

function formTable(d: HandoverDocData) {
  const rows = [
    wide('点位名称', d.site.name),
    pair('统一社会信用代码', d.site.creditCode ?? '—', '所在区县', d.site.place),
    wide('地址', d.site.address ?? '—'),
    pair('问题类别', d.category, '问题性质', d.kind),
    pair('发现时间', chineseDateTime(d.foundAt), '检查组', `驻${d.group.stationedCity}暗访核查组`),
    wide(
      '省厅联系人',
      d.contact ? [d.contact.name, d.contact.unit, d.contact.phone].filter(Boolean).join('　') : '—',
    ),
    wide('问题描述', d.description, 26),
    wide('是否建议立案处罚', d.proposeCaseFiling ? '是' : '否'),
    wide('整改要求', d.requirements, 14),
    pair('交办日期', chineseDate(d.handedOverDate), '整改期限', `${chineseDate(d.deadline)}前`),
    wide('反馈要求', d.feedbackRequirement ?? DEFAULT_FEEDBACK_REQUIREMENT),
  ];
  if (d.previous) {
    const p = d.previous;
    const found = p.findings ? `，回头看发现：${p.findings}` : '';
    rows.splice(
      rows.length - 3,
      0,
      wide(
        '前次交办',
        `该问题已于${chineseDate(p.date)}以${p.number}交办（整改期限${chineseDate(p.deadline)}）${found}。现重新交办。`,
      ),
    );
  }
  const total = d.photos.length + (d.omittedPhotos ?? 0);
  rows.push(wide('现场照片', photoNote(d.photos.length, total), undefined, true));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMNS,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    rows,
  });
}

function photoNote(shown: number, total: number): string {
  if (total === 0) return '无';
  if (shown === 0) return `共${total}张，请登录暗访核查平台查看`;
  if (shown < total) return `共${total}张，附件列出${shown}张，其余请登录暗访核查平台查看`;
  return `共${total}张，见附件`;
}

function fit(p: HandoverPhoto): { width: number; height: number } {
  const maxW = TEXT_WIDTH_MM * PX_PER_MM;
  const maxH = PHOTO_MAX_HEIGHT_MM * PX_PER_MM;
  const w = p.width > 0 ? p.width : 4;
  const h = p.height > 0 ? p.height : 3;
  const scale = Math.min(maxW / w, maxH / h);
  return { width: Math.floor(w * scale), height: Math.floor(h * scale) };
}

function photoBlocks(d: HandoverDocData): Paragraph[] {
  const out: Paragraph[] = [
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ children: [run('附件', 'heading', SIZE.san)] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120, after: 0 },
      children: [run('现场照片', 'title', SIZE.er)],
    }),
    // The attachment names its form, so a photo page that comes loose still says where it belongs.
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 60, after: 200 },
      children: [run(`（${d.number}　${d.site.name}）`, 'body', SIZE.xiaosi)],
    }),
  ];
  d.photos.forEach((p, i) => {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { before: i === 0 ? 0 : 200 },
        children: [
          new ImageRun({
            type: p.type,
            data: p.data,
            transformation: fit(p),
            altText: {
              name: `照片${i + 1}`,
              description: `${d.site.name} 现场照片${i + 1}`,
              title: `照片${i + 1}`,
            },
          }),
        ],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 60, after: 120 },
        children: [
          run(`照片${i + 1}`, 'heading', SIZE.si),
          run(p.capturedAt ? `　拍摄时间：${chineseDateTime(p.capturedAt)}` : '', 'body', SIZE.si),
        ],
      }),
    );
  });
  if (d.omittedPhotos) {
    out.push(bodyParagraph(`另有现场照片${d.omittedPhotos}张，请登录暗访核查平台查看。`));
  }
  return out;
}

/** The form's paragraphs and table, in reading order. */
function body(d: HandoverDocData) {
  const issuer = d.issuer ?? DEFAULT_ISSUER;
  const again = d.previous ? `（${d.previous.number}的再次交办）` : '';
  return [
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [run('编号：', 'body', SIZE.si), run(d.number, 'body', SIZE.si)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 160, after: 200, line: 640, lineRule: LineRuleType.EXACT },
      children: [run('环境问题交办单', 'title', SIZE.er)],
    }),
    bodyParagraph(`${d.bureauName}：`, { indent: false }),
    bodyParagraph(
      `经省生态环境厅同意，现将暗访核查发现的环境问题${again}交由你局依法调查处理、督促整改。具体情况如下：`,
    ),
    emptyLine(SIZE.wu),
    formTable(d),
    emptyLine(SIZE.san, true),
    signature(issuer, chineseDate(d.handedOverDate)),
    ...(d.photos.length ? photoBlocks(d) : []),
    ...(d.stamp ? verificationBlock(d.stamp) : []),
  ].flat();
}

/** Builds the 《环境问题交办单》 as a .docx file. */
export async function buildHandoverDocx(d: HandoverDocData): Promise<Buffer> {
  const doc = new Document({
    creator: d.issuer ?? DEFAULT_ISSUER,
    title: `环境问题交办单 ${d.number}`,
    description: `${d.site.name} ${d.number}`,
    styles: DOCUMENT_STYLES,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: { page: { size: PAGE.size, margin: PAGE.margin } },
        footers: pageNumberFooters(d.stamp),
        children: body(d),
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
