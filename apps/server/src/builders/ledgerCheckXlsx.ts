import { LEDGER_STATUSES, LEDGER_VERDICTS, type LedgerCheckOut, type LedgerVerdictCode } from '@ancha/core';
import ExcelJS from 'exceljs';

/** 散乱污台账核对表: one city's checked enterprises (明细) and the counts by verdict (统计). */
export async function buildLedgerCheckXlsx(o: {
  cityName: string;
  generatedAt: string;
  items: readonly LedgerCheckOut[];
  counts: Readonly<Record<string, number>>;
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('核对明细');
  ws.columns = [
    { header: '序号', width: 6 },
    { header: '检查日期', width: 12 },
    { header: '核查组', width: 8 },
    { header: '企业（点位）名称', width: 30 },
    { header: '区县', width: 12 },
    { header: '地址', width: 30 },
    { header: '现场状态', width: 10 },
    { header: '核对结论', width: 16 },
    { header: '把握', width: 8 },
    { header: '台账企业', width: 30 },
    { header: '台账整治类型', width: 12 },
    { header: '说明', width: 60 },
  ];
  o.items.forEach((c, i) => {
    ws.addRow([
      i + 1,
      c.localDate,
      `第${c.groupNumber}组`,
      c.site.name,
      c.site.divisionName ?? c.site.divisionCode,
      c.site.address ?? '',
      c.operating ? '在产' : '未生产',
      c.label,
      c.confidence === 'high' ? '较大' : '待核实',
      c.entry?.name ?? '',
      c.entry ? LEDGER_STATUSES[c.entry.status as keyof typeof LEDGER_STATUSES] : '',
      c.reason,
    ]);
  });
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.getColumn(12).alignment = { wrapText: true, vertical: 'top' };

  const sum = wb.addWorksheet('统计');
  sum.columns = [
    { header: '核对结论', width: 20 },
    { header: '数量', width: 10 },
  ];
  for (const code of Object.keys(LEDGER_VERDICTS) as LedgerVerdictCode[]) {
    sum.addRow([LEDGER_VERDICTS[code], o.counts[code] ?? 0]);
  }
  sum.addRow(['合计', Object.values(o.counts).reduce((a, b) => a + b, 0)]);
  sum.addRow([]);
  sum.addRow([`${o.cityName}“散乱污”台账核对表，生成于 ${o.generatedAt}`]);
  sum.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
