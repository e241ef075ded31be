import {
  type DashboardPanelKey,
  PROBLEM_STATES,
  type ProblemState,
  TASK_KINDS,
  type TaskKind,
} from '@ancha/core';
import { Empty, Flex, List, Statistic, Tag, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { Link } from 'react-router';
import { ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { OutcomeTag } from '../fieldwork/InspectionTable.tsx';
import { categoryLabel, fmtClock } from '../fieldwork/labels.ts';
import { Chart, type ChartOption } from './Chart.tsx';
import { DashboardMap } from './DashboardMap.tsx';
import { AlertsPanel, DispatchPanel, InstructionsPanel } from './dispatchPanels.tsx';
import { Frame } from './PanelFrame.tsx';
import { usePanel } from './usePanel.ts';

export interface PanelProps {
  campaignId: string;
  date: string;
  /** Chart and list height: larger on a wall screen. */
  height: number;
}

const STATE_ORDER = Object.keys(PROBLEM_STATES) as ProblemState[];
const STATE_COLOURS = [
  '#8c8c8c',
  '#52c41a',
  '#bfbfbf',
  '#faad14',
  '#ff7a45',
  '#40a9ff',
  '#1677ff',
  '#2f54eb',
  '#722ed1',
  '#389e0d',
];

function QuotaPanel({ campaignId, date, height }: PanelProps) {
  const q = usePanel('quota', campaignId, date);
  const d = q.data;
  const option = useMemo<ChartOption | null>(() => {
    if (!d) return null;
    const names = d.groups.map((g) => `${g.groupNumber}组·${g.stationedCity.name.replace(/市$/, '')}`);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: ['达标小组', '未达标小组', '未编组'] },
      grid: { left: 80, right: 16, top: 28, bottom: 8 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { fontSize: 11, interval: 0 } },
      series: [
        {
          name: '达标小组',
          type: 'bar',
          stack: 't',
          itemStyle: { color: '#389e0d' },
          data: d.groups.map((g) => g.teamsMet),
        },
        {
          name: '未达标小组',
          type: 'bar',
          stack: 't',
          itemStyle: { color: '#cf1322' },
          data: d.groups.map((g) => g.teams - g.teamsMet),
        },
        {
          // A group with no team formed yet still has a row: its planned teams, greyed.
          name: '未编组',
          type: 'bar',
          stack: 't',
          itemStyle: { color: '#d9d9d9' },
          data: d.groups.map((g) => (g.teams === 0 ? g.plannedTeams : 0)),
        },
      ],
    };
  }, [d]);
  const teams = d?.groups.reduce((s, g) => s + g.teams, 0) ?? 0;
  const met = d?.groups.reduce((s, g) => s + g.teamsMet, 0) ?? 0;
  const sites = d?.groups.reduce((s, g) => s + g.sites, 0) ?? 0;
  return (
    <Frame
      panel="quota"
      error={q.error}
      extra={
        d && (
          <Typography.Text type="secondary">
            {d.roundNumber ? `第${d.roundNumber}轮` : '非轮次日'} · 每组每天≥{d.minSites}个点位（工业企业≥
            {d.minIndustrial}家）
          </Typography.Text>
        )
      }
    >
      <Flex gap={24} style={{ marginBottom: 8 }}>
        <Statistic
          title="达标小组"
          value={`${met} / ${teams}`}
          styles={{ content: { color: met < teams ? '#cf1322' : undefined } }}
        />
        <Statistic title="检查点位" value={sites} />
        <Statistic title="检查记录" value={d?.groups.reduce((s, g) => s + g.inspections, 0) ?? 0} />
      </Flex>
      {d && d.groups.length === 0 ? (
        <Empty description="本专项行动暂无核查组" />
      ) : (
        option && (
          <Chart option={option} height={height} label={`各组定额完成情况：${met}/${teams} 个小组达标`} />
        )
      )}
    </Frame>
  );
}

function MapPanel({ campaignId, date, height }: PanelProps) {
  const m = usePanel('map', campaignId, date);
  const quota = usePanel('quota', campaignId, date);
  return (
    <Frame
      panel="map"
      error={m.error}
      extra={m.data && <Typography.Text type="secondary">今日记录 {m.data.total} 条</Typography.Text>}
    >
      <DashboardMap data={m.data} quota={quota.data} height={height} fitKey={`${campaignId}|${date}`} />
    </Frame>
  );
}

function ProblemsPanel({ campaignId, date, height }: PanelProps) {
  const q = usePanel('problems', campaignId, date);
  const d = q.data;
  const option = useMemo<ChartOption | null>(() => {
    if (!d || d.total === 0) return null;
    const cats = [...new Set(d.cells.map((c) => c.category))];
    const states = STATE_ORDER.filter((s) => d.cells.some((c) => c.state === s));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 110, right: 16, top: 30, bottom: 8 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: cats.map((c) => categoryLabel(c)), inverse: true },
      series: states.map((s) => ({
        name: PROBLEM_STATES[s],
        type: 'bar',
        stack: 'p',
        itemStyle: { color: STATE_COLOURS[STATE_ORDER.indexOf(s)] },
        data: cats.map((c) => d.cells.find((x) => x.category === c && x.state === s)?.count ?? 0),
      })),
    };
  }, [d]);
  return (
    <Frame
      panel="problems"
      error={q.error}
      extra={
        d && (
          <Typography.Text type="secondary">
            共 {d.total} 个 · 今日新增 {d.today} 个
          </Typography.Text>
        )
      }
    >
      {option ? (
        <Chart option={option} height={height} label={`问题共 ${d?.total ?? 0} 个，按类别和处置状态统计`} />
      ) : (
        <Empty description="暂无问题记录：各组发现的问题将按类别和处置状态统计在这里" />
      )}
    </Frame>
  );
}

function ApprovalsPanel({ campaignId, date, height }: PanelProps) {
  const q = usePanel('approvals', campaignId, date);
  return (
    <Frame
      panel="approvals"
      error={q.error}
      extra={<Link to="/problems?state=submitted">审核队列（{q.data?.total ?? 0}）</Link>}
    >
      <List
        size="small"
        style={{ maxHeight: height, overflow: 'auto' }}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '没有待审核的问题' }}
        renderItem={(p) => (
          <List.Item>
            <Link to={`/problems/${p.id}`}>
              第{p.groupNumber}组 · {categoryLabel(p.category)}：{p.description}
            </Link>
            <Typography.Text type="secondary">{fmtClock(p.since)}</Typography.Text>
          </List.Item>
        )}
      />
    </Frame>
  );
}

function OverduePanel({ campaignId, date, height }: PanelProps) {
  const q = usePanel('overdue', campaignId, date);
  return (
    <Frame
      panel="overdue"
      error={q.error}
      extra={
        <Typography.Text type={q.data?.total ? 'danger' : 'secondary'}>
          {q.data?.total ?? 0} 件
        </Typography.Text>
      }
    >
      <List
        size="small"
        style={{ maxHeight: height, overflow: 'auto' }}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '没有逾期未反馈的交办问题' }}
        renderItem={(h) => (
          <List.Item>
            <Link to={`/problems/${h.problemId}`}>
              {h.handoverNumber} · {h.bureauName}
            </Link>
            <span>
              {!h.received && <Tag color="orange">未签收</Tag>}
              <Typography.Text type="danger">逾期{h.daysOverdue}天</Typography.Text>
            </span>
          </List.Item>
        )}
      />
    </Frame>
  );
}

function TasksPanel({ campaignId, date, height }: PanelProps) {
  const q = usePanel('tasks', campaignId, date);
  return (
    <Frame
      panel="tasks"
      error={q.error}
      extra={
        q.data && (
          <Typography.Text type="secondary">
            未完成 {q.data.total} ·{' '}
            <Typography.Text type={q.data.overdue ? 'danger' : 'secondary'}>
              逾期 {q.data.overdue}
            </Typography.Text>
          </Typography.Text>
        )
      }
    >
      <ResponsiveTable
        label="各组未完成任务"
        size="small"
        pagination={false}
        scroll={{ y: height }}
        rowKey={(r) => `${r.groupNumber}|${r.kind}`}
        dataSource={q.data?.rows ?? []}
        locale={{ emptyText: '各组没有未完成的任务' }}
        columns={[
          { title: '核查组', dataIndex: 'groupNumber', render: (n: number) => `第${n}组` },
          { title: '任务', dataIndex: 'kind', render: (k: string) => TASK_KINDS[k as TaskKind] ?? k },
          { title: '未完成', dataIndex: 'open', align: 'right' },
          {
            title: '逾期',
            dataIndex: 'overdue',
            align: 'right',
            render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0),
          },
        ]}
      />
    </Frame>
  );
}

function FeedPanel({ campaignId, date, height }: PanelProps) {
  const q = usePanel('feed', campaignId, date);
  return (
    <Frame panel="feed" error={q.error}>
      <List
        size="small"
        style={{ maxHeight: height, overflow: 'auto' }}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '暂无现场证据：检查员上传的照片和视频将实时出现在这里' }}
        renderItem={(e) => (
          <List.Item data-evidence={e.id}>
            <Flex gap={8} align="center" style={{ minWidth: 0 }}>
              {e.thumbnailUrl ? (
                <img
                  src={e.thumbnailUrl}
                  alt={`${e.siteName}现场照片`}
                  width={48}
                  height={36}
                  style={{ objectFit: 'cover' }}
                />
              ) : (
                <Tag>{e.kind === 'video' ? '视频' : '照片'}</Tag>
              )}
              <Link to={`/inspections/${e.inspectionId}`}>
                第{e.groupNumber}组第{e.teamNumber}小组 · {e.siteName}
              </Link>
            </Flex>
            <span>
              <OutcomeTag outcome={e.outcome} />
              {e.late && <Tag color="orange">超时上传</Tag>}
              <Typography.Text type="secondary">{fmtClock(e.uploadedAt)}</Typography.Text>
            </span>
          </List.Item>
        )}
      />
    </Frame>
  );
}

/**
 * The console half of the panel registry (core's DASHBOARD_PANELS names the panels and the
 * events that refresh them). `span` is the panel's width in the 24-column grid on a wide
 * screen; below 1200 px every panel takes the full width. A new panel (instructions, alerts,
 * checklists) is one entry here.
 */
export const PANEL_VIEWS: Record<
  DashboardPanelKey,
  { span: number; tall?: boolean; View: (p: PanelProps) => ReactNode }
> = {
  quota: { span: 8, tall: true, View: QuotaPanel },
  map: { span: 10, tall: true, View: MapPanel },
  problems: { span: 6, tall: true, View: ProblemsPanel },
  approvals: { span: 6, View: ApprovalsPanel },
  overdue: { span: 6, View: OverduePanel },
  tasks: { span: 5, View: TasksPanel },
  feed: { span: 7, View: FeedPanel },
  instructions: { span: 9, View: InstructionsPanel },
  alerts: { span: 7, View: AlertsPanel },
  dispatch: { span: 8, View: DispatchPanel },
};
