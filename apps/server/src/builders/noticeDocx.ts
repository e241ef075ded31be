import { chineseDate } from '@ancha/core';
import { AlignmentType, Document, LineRuleType, Packer, Paragraph } from 'docx';
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
  type VerificationStamp,
  verificationBlock,
} from './docxKit.ts';
import { DEFAULT_ISSUER } from './handoverDocx.ts';

/** Everything the province-wide notice (通报) on sent-back nominees shows, as display text. */
export interface NoticeDocData {
  /** 第N期, per campaign. */
  number: number;
  title: string;
  roundNumber: number;
  /** Shanghai date it was issued (YYYY-MM-DD). */
  issuedDate: string;
  /** Each city named, with how many of its nominees were sent back. */
  cities: { name: string; count: number }[];
  entries: { name: string; cityName: string; unit: string; position: string; reason: string }[];
  issuer?: string;
  stamp?: VerificationStamp | null;
}

const cnNumber = (n: number) =>
  n <= 10 ? ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][n]! : String(n);

/**
 * 附件3 五（一）: 如抽调人员不符合条件，省厅立即退回并全省点名通报. A 公文-style notice: the
 * title, the addressees (every city's bureau), the cities named with what was wrong with each
 * nominee, the requirement to send a qualified replacement, and the signature.
 */
export function noticeBody(d: NoticeDocData): Paragraph[] {
  const issuer = d.issuer ?? DEFAULT_ISSUER;
  const named = d.cities.map((c) => `${c.name}（${c.count}人）`).join('、');
  const total = d.cities.reduce((s, c) => s + c.count, 0);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 560, lineRule: LineRuleType.EXACT },
      children: [run(`第${d.number}期`, 'body', SIZE.san)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 720, lineRule: LineRuleType.EXACT },
      children: [run(d.title, 'title', SIZE.er)],
    }),
    emptyLine(),
    bodyParagraph('各省辖市生态环境局、济源示范区生态环境局：', { indent: false }),
    bodyParagraph(
      `按照暗访核查工作方案要求，抽调人员应为持有属地执法证的市支队业务骨干、县（区）中队长或副中队长，组长由主管执法的副局长、支队长或副支队长担任。经审核，第${cnNumber(d.roundNumber)}轮次${named}共${total}名抽调人员不符合条件，已予退回。现予全省点名通报。`,
    ),
    bodyParagraph('一、不符合条件人员及原因', { indent: true }),
    ...d.entries.map((e, i) =>
      bodyParagraph(
        `${i + 1}. ${e.cityName}  ${e.name}（${e.unit}${e.position ? `，${e.position}` : ''}）：${e.reason}`,
      ),
    ),
    bodyParagraph('二、有关要求', { indent: true }),
    bodyParagraph(
      `请被通报地市高度重视，立即按条件另行选派符合要求的人员，并于本轮次开始前报送省厅；暗访核查期间如无特殊原因，不得擅自增减抽调人员。`,
    ),
    emptyLine(SIZE.san, true),
    ...signature(issuer, chineseDate(d.issuedDate)),
    ...(d.stamp ? verificationBlock(d.stamp) : []),
  ];
}

/** Builds the notice as a .docx file. */
export async function buildNoticeDocx(d: NoticeDocData): Promise<Buffer> {
  const doc = new Document({
    creator: d.issuer ?? DEFAULT_ISSUER,
    title: d.title,
    description: `通报 第${d.number}期`,
    styles: DOCUMENT_STYLES,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: { page: { size: PAGE.size, margin: PAGE.margin } },
        footers: pageNumberFooters(d.stamp),
        children: noticeBody(d),
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}

/** The file name a notice downloads as. */
export function noticeFileName(number: number): string {
  return `关于抽调人员不符合条件的通报（第${number}期）.docx`;
}
