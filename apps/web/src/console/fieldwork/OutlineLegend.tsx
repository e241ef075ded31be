import { Flex, Typography } from 'antd';
import type { BaseState } from './mapSetup.ts';
import { CITY_LINE, COUNTY_LINE } from './outlineStyle.ts';

function line(style: { color: string; weight: number; dashArray?: string }) {
  return (
    <svg width={22} height={8} aria-hidden="true">
      <line
        x1={1}
        y1={4}
        x2={21}
        y2={4}
        stroke={style.color}
        strokeWidth={Math.max(style.weight, 1)}
        strokeDasharray={style.dashArray}
      />
    </svg>
  );
}

/** The legend's entries for the outlines a map without tiles stands on; nothing when tiles show. */
export function OutlineLegend({ base }: { base: BaseState }) {
  if (base === 'tiles' || base === 'pending') return null;
  return (
    <>
      <Flex gap={4} align="center">
        {line(CITY_LINE)}
        <Typography.Text style={{ fontSize: 12 }}>市界（市名）</Typography.Text>
      </Flex>
      <Flex gap={4} align="center">
        {line(COUNTY_LINE)}
        <Typography.Text style={{ fontSize: 12 }}>县（区）界，放大后显示县（区）名</Typography.Text>
      </Flex>
    </>
  );
}

/** Why the map has no tiles, for the legend's note. */
export function baseNote(base: BaseState): string {
  if (base === 'none') return '未配置地图底图，显示示意行政区界线（非测绘底图）';
  if (base === 'failed') return '底图无法加载（网络无法访问地图服务），显示示意行政区界线';
  return '';
}
