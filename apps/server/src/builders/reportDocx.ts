import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  WidthType,
} from 'docx';
import {
  bodyParagraph,
  DOCUMENT_STYLES,
  emptyLine,
  fontTableXml,
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

/**
 * One builder for the reports (典型案例, 暗访核查工作报告, 阶段性报告): a 公文 page (GB/T 9704 kit of
 * the 交办单: A4, margins, 二号小标宋 title, 三号仿宋 body at 28 pt, "— 1 —" page numbers, the
 * verification code on every page and its QR code at the end) filled with blocks in order.
 */
export type ReportBlock =
  | { kind: 'heading'; text: string; level: 1 | 2 }
  | { kind: 'paragraph'; text: string; indent?: boolean }
  | { kind: 'image'; png: Buffer; type?: 'png' | 'jpg'; width: number; height: number; caption?: string }
  | { kind: 'table'; header: string[]; rows: (string | number)[][]; widths?: number[] };

export interface ReportDocData {
  title: string;
  /** A line under the title (the group, the range), 三号楷体 in print; here 仿宋, centred. */
  subtitle?: string;
  blocks: ReportBlock[];
  /** 落款 and 成文日期 (Arabic numerals). */
  signature?: { issuer: string; date: string; signedBy?: string };
  stamp?: VerificationStamp | null;
  creator?: string;
}

const PX_PER_MM = 96 / 25.4;
const LINE = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const BORDERS = {
  top: LINE,
  bottom: LINE,
  left: LINE,
  right: LINE,
  insideHorizontal: LINE,
  insideVertical: LINE,
};

function image(b: Extract<ReportBlock, { kind: 'image' }>): Paragraph[] {
  const maxW = TEXT_WIDTH_MM * PX_PER_MM;
  const maxH = 110 * PX_PER_MM;
  const scale = Math.min(maxW / b.width, maxH / b.height);
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 120 },
      children: [
        new ImageRun({
          type: b.type ?? 'png',
          data: b.png,
          transformation: { width: Math.floor(b.width * scale), height: Math.floor(b.height * scale) },
          altText: { name: b.caption ?? '图', description: b.caption ?? '图', title: b.caption ?? '图' },
        }),
      ],
    }),
  ];
  if (b.caption) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 60, after: 120 },
        children: [run(b.caption, 'heading', SIZE.si)],
      }),
    );
  }
  return out;
}

function table(b: Extract<ReportBlock, { kind: 'table' }>): (Table | Paragraph)[] {
  const n = b.header.length;
  const weights = b.widths ?? b.header.map(() => 1);
  const total = weights.reduce((a, c) => a + c, 0);
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      margins: { top: 30, bottom: 30, left: 80, right: 80 },
      children: [
        new Paragraph({
          alignment: head || i > 0 ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: { line: 320, lineRule: LineRuleType.EXACT },
          children: [run(text, head ? 'heading' : 'body', SIZE.xiaosi)],
        }),
      ],
    });
  return [
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: BORDERS,
      rows: [
        new TableRow({ tableHeader: true, children: b.header.map((h, i) => cell(h, i, true)) }),
        ...b.rows.map(
          (r) =>
            new TableRow({
              cantSplit: true,
              children: r.slice(0, n).map((v, i) => cell(String(v), i, false)),
            }),
        ),
      ],
    }),
    emptyLine(SIZE.wu),
  ];
}

function blocks(d: ReportDocData): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const b of d.blocks) {
    if (b.kind === 'heading') {
      out.push(
        new Paragraph({
          keepNext: true,
          indent: { firstLine: 640 },
          spacing: { line: 560, lineRule: LineRuleType.EXACT },
          // 一级标题 黑体, 二级标题 楷体 (仿宋 fallback here): GB/T 9704 7.3.3.
          children: [run(b.text, b.level === 1 ? 'heading' : 'body', SIZE.san, { bold: b.level === 2 })],
        }),
      );
    } else if (b.kind === 'paragraph') {
      for (const line of b.text.split(/\n+/)) out.push(bodyParagraph(line, { indent: b.indent }));
    } else if (b.kind === 'image') out.push(...image(b));
    else out.push(...table(b));
  }
  return out;
}

export async function buildReportDocx(d: ReportDocData): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 160, after: d.subtitle ? 80 : 300, line: 640, lineRule: LineRuleType.EXACT },
      children: [run(d.title, 'title', SIZE.er)],
    }),
  ];
  if (d.subtitle) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 300, line: 560, lineRule: LineRuleType.EXACT },
        children: [run(d.subtitle)],
      }),
    );
  }
  children.push(...blocks(d));
  if (d.signature) {
    children.push(emptyLine(SIZE.san, true));
    if (d.signature.signedBy) {
      children.push(bodyParagraph(`组长签字：${d.signature.signedBy}`, { align: 'right', indent: false }));
    }
    children.push(...signature(d.signature.issuer, d.signature.date));
  }
  if (d.stamp) children.push(...verificationBlock(d.stamp));
  const doc = new Document({
    creator: d.creator ?? '暗访核查平台',
    title: d.title,
    styles: DOCUMENT_STYLES,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: { page: { size: PAGE.size, margin: PAGE.margin } },
        footers: pageNumberFooters(d.stamp),
        children,
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
