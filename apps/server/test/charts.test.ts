import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { barChart, lineChart, pieChart, renderChart } from '../src/builders/charts.ts';

describe('charts drawn on the server for documents', () => {
  it('renders bars, lines and rings as PNGs of the asked size, with Chinese labels', async () => {
    for (const option of [
      barChart({
        title: '各组检查点位数',
        categories: ['第1组', '第2组'],
        series: [{ name: '点位', values: [12, 8] }],
      }),
      lineChart({
        title: '每日检查',
        dates: ['2020-10-19', '2020-10-20'],
        series: [{ name: '点位', values: [3, 9] }],
      }),
      pieChart({
        title: '问题类别',
        slices: [
          { name: '扬尘治理', value: 4 },
          { name: '散煤禁用', value: 0 },
        ],
      }),
    ]) {
      const chart = await renderChart(option, { width: 600, height: 300 });
      const meta = await sharp(chart.png).metadata();
      expect(meta.format).toBe('png');
      expect([meta.width, meta.height]).toEqual([1200, 600]);
      // Not a blank image: a chart has ink on it.
      const stats = await sharp(chart.png).stats();
      expect(stats.channels[0]!.min).toBeLessThan(128);
    }
  });
});
