import type { Writable } from 'node:stream';
import { type InspectionOut, shanghaiDateTime } from '@ancha/core';
import ExcelJS from 'exceljs';
import { categoryLabel } from './format.ts';

const OUTCOME: Record<string, string> = {
  no_problem: '未发现问题',
  fixed_on_spot: '管理问题，已当场整改',
  suspected_violation: '涉嫌环境违法',
  needs_rectification: '需持续整改',
};

const COLUMNS: { header: string; key: string; width: number }[] = [
  { header: '序号', key: 'n', width: 7 },
  { header: '日期', key: 'date', width: 12 },
  { header: '开始时间', key: 'started', width: 18 },
  { header: '核查组', key: 'group', width: 9 },
  { header: '小组', key: 'team', width: 8 },
  { header: '检查人员', key: 'inspectors', width: 14 },
  { header: '点位名称', key: 'site', width: 30 },
  { header: '所在地', key: 'division', width: 16 },
  { header: '地址', key: 'address', width: 28 },
  { header: '检查类别', key: 'category', width: 20 },
  { header: '检查结果', key: 'outcome', width: 16 },
  { header: '发现问题', key: 'problems', width: 40 },
  { header: '证据数', key: 'evidence', width: 8 },
  { header: '证据超时', key: 'late', width: 9 },
  { header: '存疑标记', key: 'flagged', width: 9 },
  { header: '纬度', key: 'lat', width: 11 },
  { header: '经度', key: 'lng', width: 11 },
];

/**
 * Writes inspection records to `out` as .xlsx while they are read: exceljs's streaming writer
 * commits each row, so a campaign's worth never sits in memory (only the shared-strings-free
 * sheet XML passes through the zip stream). `pages` yields the records a page at a time.
 */
export async function streamInspectionsXlsx(
  out: Writable,
  title: string,
  pages: AsyncIterable<InspectionOut[]>,
): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'ancha';
  const ws = wb.addWorksheet('检查记录', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const titleRow = ws.addRow([title]);
  titleRow.font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  titleRow.commit();
  const head = ws.addRow(COLUMNS.map((c) => c.header));
  head.font = { bold: true };
  head.commit();
  let n = 0;
  for await (const page of pages) {
    for (const i of page) {
      n++;
      ws.addRow({
        n,
        date: i.localDate,
        started: shanghaiDateTime(i.startedAt),
        group: `第${i.groupNumber}组`,
        team: `第${i.teamNumber}小组`,
        inspectors: i.inspectors.map((p) => p.name).join('、'),
        site: i.site.name,
        division: i.site.divisionName ?? '',
        address: i.site.address ?? '',
        category: categoryLabel(i.category, i.subtype),
        outcome: OUTCOME[i.outcome] ?? i.outcome,
        problems: i.problems.map((p, k) => `${k + 1}. ${p.description}`).join('\n'),
        evidence: i.evidenceCount,
        late: i.lateEvidence ? '是' : '',
        flagged: i.flagged ? '是' : '',
        lat: i.position?.lat ?? i.site.lat ?? null,
        lng: i.position?.lng ?? i.site.lng ?? null,
      }).commit();
    }
  }
  ws.commit();
  await wb.commit();
  return n;
}
