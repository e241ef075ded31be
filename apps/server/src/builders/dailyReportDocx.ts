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
  TEXT_WIDTH,
} from './docxKit.ts';

/** What the 日报 prints; the server gathers it from the dashboard's read models. */
export interface DailyReportData {
  campaignName: string;
  date: string;
  /** e.g. 2020年10月19日 */
  dateText: string;
  roundText: string;
  issuer: string;
  totals: {
    inspections: number;
    sites: number;
    industrialSites: number;
    teams: number;
    teamsMet: number;
    problems: number;
  };
  groups: {
    name: string;
    teams: number;
    teamsMet: number;
    inspections: number;
    sites: number;
    problems: number;
  }[];
  categories: { name: string; inspections: number; problems: number }[];
  handedOver: { number: string; group: string; bureau: string; category: string; description: string }[];
  open: { approvals: number; overdueHandovers: number; openTasks: number; overdueTasks: number };
  /**
   * Sections other modules add (typical cases of the day, active alerts, instructions): a title
   * and lines each, printed after the open items. Empty until those modules register theirs.
   */
  extraSections: { title: string; lines: string[] }[];
  charts: { title: string; png: Buffer; width: number; height: number }[];
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, o: { bold?: boolean; width: number; align?: 'left' | 'center' }) {
  return new TableCell({
    borders,
    width: { size: o.width, type: WidthType.DXA },
    children: [
      new Paragraph({
        alignment: o.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: [run(text, o.bold ? 'heading' : 'song', SIZE.xiaowu)],
      }),
    ],
  });
}

function table(headers: string[], rows: string[][], weights: number[]) {
  const total = weights.reduce((s, w) => s + w, 0);
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        children: headers.map((h, i) => cell(h, { bold: true, width: widths[i]! })),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.map((t, i) =>
              cell(t, { width: widths[i]!, align: i === r.length - 1 && t.length > 12 ? 'left' : 'center' }),
            ),
          }),
      ),
    ],
  });
}

const heading = (text: string) =>
  new Paragraph({
    indent: { firstLine: 640 },
    spacing: { line: 560, lineRule: LineRuleType.EXACT },
    keepNext: true,
    children: [run(text, 'heading')],
  });

function chart(c: DailyReportData['charts'][number]) {
  const width = 560;
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new ImageRun({
        type: 'png',
        data: c.png,
        transformation: { width, height: Math.round((width * c.height) / c.width) },
        altText: { name: c.title, title: c.title, description: c.title },
      }),
    ],
  });
}

function body(d: DailyReportData) {
  const t = d.totals;
  const out: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT },
      children: [run('暗访核查指挥调度日报', 'title', SIZE.er)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(`（${d.dateText}）`, 'body', SIZE.san)],
    }),
    emptyLine(),
    bodyParagraph(
      `${d.dateText}，${d.campaignName}${d.roundText}，各核查组共出动${t.teams}个小组，检查点位${t.sites}个（其中工业企业${t.industrialSites}家），形成检查记录${t.inspections}条，发现问题${t.problems}个；${t.teamsMet}个小组完成每日检查定额。`,
    ),
    heading('一、各组检查情况'),
    table(
      ['核查组', '小组', '达标小组', '检查记录', '检查点位', '发现问题'],
      d.groups.map((g) => [
        g.name,
        String(g.teams),
        String(g.teamsMet),
        String(g.inspections),
        String(g.sites),
        String(g.problems),
      ]),
      [3, 1, 1.3, 1.3, 1.3, 1.3],
    ),
    heading('二、按检查类别统计'),
    table(
      ['检查类别', '检查记录', '发现问题'],
      d.categories.map((c) => [c.name, String(c.inspections), String(c.problems)]),
      [3, 1, 1],
    ),
  ];
  for (const c of d.charts) out.push(emptyLine(SIZE.xiaowu), chart(c));
  out.push(heading(`三、当日交办问题（${d.handedOver.length}个）`));
  if (d.handedOver.length === 0) out.push(bodyParagraph('当日无交办问题。'));
  else
    out.push(
      table(
        ['交办单编号', '核查组', '交办单位', '类别', '问题'],
        d.handedOver.map((h) => [h.number, h.group, h.bureau, h.category, h.description]),
        [2.2, 1, 2, 1.6, 4],
      ),
    );
  const o = d.open;
  out.push(
    heading('四、待办事项'),
    bodyParagraph(
      `待省厅审核问题${o.approvals}个；逾期未反馈的交办问题${o.overdueHandovers}个；各组未完成任务${o.openTasks}项，其中逾期${o.overdueTasks}项。`,
    ),
  );
  d.extraSections.forEach((s, i) => {
    out.push(heading(`${'五六七八九十'[i] ?? String(i + 5)}、${s.title}`));
    for (const line of s.lines) out.push(bodyParagraph(line));
  });
  out.push(
    emptyLine(),
    bodyParagraph(d.issuer, { align: 'right', indent: false }),
    bodyParagraph(d.dateText, { align: 'right', indent: false }),
  );
  return out;
}

export async function buildDailyReportDocx(d: DailyReportData): Promise<Buffer> {
  const doc = new Document({
    creator: d.issuer,
    title: `暗访核查指挥调度日报 ${d.date}`,
    styles: DOCUMENT_STYLES,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: { page: { size: PAGE.size, margin: PAGE.margin } },
        footers: pageNumberFooters(null),
        children: body(d),
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
