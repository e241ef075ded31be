import * as echarts from 'echarts';
import sharp from 'sharp';

/**
 * Charts for generated documents, drawn on the server: ECharts renders the option to SVG
 * (its server-side mode, no DOM) and sharp rasterises it to PNG, which Word, WPS and
 * LibreOffice all show. Text uses a Chinese sans face installed on the machine (CI installs
 * fonts-noto-cjk); the browser console draws the same options with the same library.
 */
export type ChartOption = echarts.EChartsOption;

const FONT = 'Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, SimHei, sans-serif';
/** Blue first: the console's primary colour; the rest keep apart in print and in greyscale. */
const PALETTE = ['#1a5dab', '#d4380d', '#389e0d', '#d48806', '#531dab', '#08979c', '#c41d7f', '#595959'];

export interface RenderedChart {
  png: Buffer;
  /** Pixel size of the PNG (twice the layout size, for print). */
  width: number;
  height: number;
}

/** Renders one chart at `width`×`height` layout pixels into a PNG twice that size. */
export async function renderChart(
  option: ChartOption,
  size: { width: number; height: number } = { width: 800, height: 400 },
): Promise<RenderedChart> {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: FONT }, ...option });
    const svg = chart.renderToSVGString();
    const png = await sharp(Buffer.from(svg), { density: 144 }).png().toBuffer();
    return { png, width: size.width * 2, height: size.height * 2 };
  } finally {
    chart.dispose();
  }
}

/** Bars by category (groups, cities, categories), one or more series, values labelled. */
export function barChart(o: {
  title: string;
  categories: string[];
  series: { name: string; values: number[] }[];
  horizontal?: boolean;
}): ChartOption {
  const category = { type: 'category' as const, data: o.categories, axisLabel: { interval: 0 } };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    title: { text: o.title, left: 'center', textStyle: { fontSize: 16 } },
    legend: o.series.length > 1 ? { bottom: 0 } : undefined,
    grid: { left: 60, right: 30, top: 50, bottom: o.series.length > 1 ? 50 : 30, containLabel: true },
    xAxis: o.horizontal ? value : category,
    yAxis: o.horizontal ? { ...category, inverse: true } : value,
    series: o.series.map((s) => ({
      name: s.name,
      type: 'bar',
      data: s.values,
      label: { show: true, position: o.horizontal ? 'right' : 'top' },
    })),
  };
}

/** A trend per day: dates on the x axis, one line per series. */
export function lineChart(o: {
  title: string;
  dates: string[];
  series: { name: string; values: number[] }[];
}) {
  return {
    title: { text: o.title, left: 'center', textStyle: { fontSize: 16 } },
    legend: { bottom: 0 },
    grid: { left: 50, right: 30, top: 50, bottom: 50, containLabel: true },
    xAxis: { type: 'category', data: o.dates.map((d) => d.slice(5)), boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: o.series.map((s) => ({ name: s.name, type: 'line', data: s.values, symbolSize: 4 })),
  } satisfies ChartOption;
}

/** Shares of a whole (problems by category): a ring with each share's name, count and percent. */
export function pieChart(o: { title: string; slices: { name: string; value: number }[] }): ChartOption {
  return {
    title: { text: o.title, left: 'center', textStyle: { fontSize: 16 } },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        top: 30,
        data: o.slices.filter((s) => s.value > 0),
        label: { formatter: '{b}\n{c}（{d}%）' },
      },
    ],
  };
}
