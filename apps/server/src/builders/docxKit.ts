import {
  AlignmentType,
  Footer,
  ImageRun,
  type IRunOptions,
  LineRuleType,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  TextRun,
} from 'docx';

/**
 * 公文 conventions (GB/T 9704-2012) for Word documents built with `docx`: A4 with the
 * standard margins, the standard Chinese fonts with fallbacks, font sizes by their Chinese
 * names, and the "— 1 —" page number. Pure: no I/O.
 */

const MM = 56.6929; // twips per millimetre
export const mm = (v: number) => Math.round(v * MM);

/** A4; 版心 156 mm × 225 mm: top 37, bottom 35, left 28, right 26 mm. */
export const PAGE = {
  size: { width: mm(210), height: mm(297) },
  margin: {
    top: mm(37),
    bottom: mm(35),
    left: mm(28),
    right: mm(26),
    header: mm(15),
    footer: mm(22),
    gutter: 0,
  },
};
/** Width of the text block in millimetres and in twips. */
export const TEXT_WIDTH_MM = 156;
export const TEXT_WIDTH = mm(TEXT_WIDTH_MM);

/** Font sizes in half-points, by their Chinese names. */
export const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24, wu: 21, xiaowu: 18 } as const;

/**
 * East Asian faces as installed on government PCs, each with a fallback for machines
 * without it (written to the font table as `w:altName`, which Word follows):
 * 方正小标宋简体 → 宋体 → SimSun, 仿宋_GB2312 → 仿宋 → FangSong, 黑体 → SimHei.
 * Latin letters and digits are set in Times New Roman.
 */
export const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  song: '宋体',
} as const;
const LATIN = 'Times New Roman';

export type FontRole = keyof typeof FONT;

export function fontOf(role: FontRole) {
  return { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: FONT[role], hint: 'eastAsia' };
}

/** A run in one of the standard faces; size in half-points. */
export function run(
  text: string,
  font: FontRole = 'body',
  size: number = SIZE.san,
  extra: Partial<IRunOptions> = {},
) {
  return new TextRun({ text, font: fontOf(font), size, ...extra });
}

/** Body text: 3号仿宋, exact 28 pt line pitch, first line indented two characters. */
export function bodyParagraph(
  text: string,
  o: { indent?: boolean; align?: 'left' | 'right' | 'center' } = {},
) {
  return new Paragraph({
    alignment:
      o.align === 'right'
        ? AlignmentType.RIGHT
        : o.align === 'center'
          ? AlignmentType.CENTER
          : AlignmentType.JUSTIFIED,
    indent: o.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560, lineRule: LineRuleType.EXACT },
    children: [run(text)],
  });
}

export function emptyLine(size: number = SIZE.san, keepNext = false) {
  return new Paragraph({
    spacing: { line: size * 10, lineRule: LineRuleType.EXACT },
    keepNext,
    children: [run('', 'body', size)],
  });
}

/**
 * What proves a printout genuine: the verification code issued with this copy (typed into the
 * console's 文件核验, it shows the stored original's hash, number, date and issuer) and its QR
 * code (the verification address, or the code itself when no public address is configured).
 */
export interface VerificationStamp {
  /** Grouped for reading, e.g. 7K3Q-M9XW-2C0. */
  code: string;
  qrPng: Buffer | null;
}

/**
 * Page numbers per GB/T 9704: 4号 half-width Song digits with a dash each side, odd pages at
 * the right and even pages at the left, one character in from the edge. With a stamp, every
 * page also carries the verification code in 小五 on the inner side, so a loose page still
 * names the copy it belongs to.
 */
export function pageNumberFooters(stamp?: VerificationStamp | null) {
  const make = (align: 'right' | 'left') => {
    const children: ParagraphChild[] = [
      run('— ', 'song', SIZE.si),
      new TextRun({ children: [PageNumber.CURRENT], font: fontOf('song'), size: SIZE.si }),
      run(' —', 'song', SIZE.si),
    ];
    const paragraphs = [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: 280 } : { left: 280 },
        children,
      }),
    ];
    if (stamp) {
      paragraphs.push(
        new Paragraph({
          alignment: align === 'right' ? AlignmentType.LEFT : AlignmentType.RIGHT,
          children: [run(`核验码：${stamp.code}`, 'song', SIZE.xiaowu)],
        }),
      );
    }
    return new Footer({ children: paragraphs });
  };
  return { default: make('right'), even: make('left') };
}

/** The closing verification note with its QR code, after the signature (or the 附件). */
export function verificationBlock(stamp: VerificationStamp): Paragraph[] {
  const side = mm(22);
  return [
    new Paragraph({
      keepNext: true,
      spacing: { before: 240 },
      children: stamp.qrPng
        ? [
            new ImageRun({
              type: 'png',
              data: stamp.qrPng,
              transformation: { width: Math.round(side / 15), height: Math.round(side / 15) },
              altText: { name: '核验二维码', description: `核验码 ${stamp.code}`, title: '核验二维码' },
            }),
          ]
        : [],
    }),
    new Paragraph({
      spacing: { line: 320, lineRule: LineRuleType.EXACT },
      children: [
        run(
          `核验码：${stamp.code}。可登录暗访核查平台“文件核验”输入核验码或扫描二维码，核对本文件与平台留存原件是否一致。`,
          'body',
          SIZE.wu,
        ),
      ],
    }),
  ];
}

/**
 * Width of a text in 3号 characters: Chinese full width, digits and Latin half width, plus
 * the quarter character Word and WPS put between Chinese and digits (autoSpaceDN).
 */
function charsWide(s: string): number {
  let n = 0;
  let prevLatin: boolean | null = null;
  for (const c of s) {
    const latin = c.charCodeAt(0) < 0x2000;
    n += latin ? 0.5 : 1;
    if (prevLatin !== null && prevLatin !== latin) n += 0.25;
    prevLatin = latin;
  }
  return n;
}
const CHAR = 320; // one 3号 character in twips

/**
 * 落款 and 成文日期 (GB/T 9704 7.3.5.2, without a seal): the issuer two characters in from
 * the right; under it the date, its first character two to the right of the issuer's.
 */
export function signature(issuer: string, text: string) {
  const dateRight = Math.max(2, 2 + charsWide(issuer) - 2 - charsWide(text));
  const issuerRight = Math.max(2, dateRight + charsWide(text) + 2 - charsWide(issuer));
  const line = (t: string, right: number, keepNext = false) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: Math.round(right * CHAR) },
      spacing: { line: 560, lineRule: LineRuleType.EXACT },
      keepNext,
      keepLines: true,
      children: [run(t)],
    });
  return [line(issuer, issuerRight, true), line(text, dateRight)];
}

interface FontEntry {
  name: string;
  alt?: string;
  panose: string;
  family: 'roman' | 'modern' | 'auto' | 'swiss';
  pitch: 'variable' | 'fixed';
  charset: string;
}

const FONT_ENTRIES: FontEntry[] = [
  {
    name: '方正小标宋简体',
    alt: '宋体',
    panose: '02000000000000000000',
    family: 'auto',
    pitch: 'variable',
    charset: '86',
  },
  {
    name: '宋体',
    alt: 'SimSun',
    panose: '02010600030101010101',
    family: 'auto',
    pitch: 'variable',
    charset: '86',
  },
  {
    name: '仿宋_GB2312',
    alt: '仿宋',
    panose: '02010609030101010101',
    family: 'modern',
    pitch: 'fixed',
    charset: '86',
  },
  {
    name: '仿宋',
    alt: 'FangSong',
    panose: '02010609060101010101',
    family: 'modern',
    pitch: 'fixed',
    charset: '86',
  },
  {
    name: '黑体',
    alt: 'SimHei',
    panose: '02010609060101010101',
    family: 'modern',
    pitch: 'fixed',
    charset: '86',
  },
  { name: LATIN, panose: '02020603050405020304', family: 'roman', pitch: 'variable', charset: '00' },
];

/** The font table, replacing the empty one `docx` writes, so Word knows each face's fallback. */
export function fontTableXml(): string {
  const fonts = FONT_ENTRIES.map(
    (f) =>
      `<w:font w:name="${f.name}">${f.alt ? `<w:altName w:val="${f.alt}"/>` : ''}` +
      `<w:panose1 w:val="${f.panose}"/><w:charset w:val="${f.charset}"/>` +
      `<w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`
  );
}

/** Document-wide defaults: 仿宋 body text and Chinese as the East Asian language. */
export const DOCUMENT_STYLES = {
  default: {
    document: {
      run: { font: fontOf('body'), size: SIZE.san, language: { value: 'en-US', eastAsia: 'zh-CN' } },
    },
  },
};
