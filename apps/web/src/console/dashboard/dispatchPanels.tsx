import type { AlertLevel } from '@ancha/core';
import { Empty, Flex, List, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { fmtClock, fmtSpan, fmtTime } from '../fieldwork/labels.ts';
import { Frame } from './PanelFrame.tsx';
import type { PanelProps } from './panels.tsx';
import { usePanel } from './usePanel.ts';

/** The waiting times count up between refetches: the clock ticks once a minute. */
function useMinuteClock() {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date().toISOString()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

export function InstructionsPanel({ campaignId, date, height }: PanelProps) {
  const q = usePanel('instructions', campaignId, date);
  const now = useMinuteClock();
  const d = q.data;
  return (
    <Frame
      panel="instructions"
      error={q.error}
      extra={
        d && (
          <Link to="/dispatch/instructions">
            已确认 {d.acknowledged}/{d.targets}
            {d.unacknowledged > 0 && `，${d.unacknowledged} 组未确认`}
          </Link>
        )
      }
    >
      {d && d.targets === 0 ? (
        <Empty description="当日没有有效的调度指令：可在「调度指令」中向各组下发" />
      ) : (
        <div style={{ maxHeight: height, overflow: 'auto' }}>
          <List
            size="small"
            dataSource={d?.waiting ?? []}
            locale={{ emptyText: '各组均已确认收到指令' }}
            renderItem={(w) => (
              <List.Item className="dashboard-unacknowledged" data-waiting={w.instructionId}>
                <Link to={`/dispatch/instructions/${w.instructionId}`} style={{ minWidth: 0 }}>
                  第{w.groupNumber}组 · {w.kindLabel}：{w.text}
                </Link>
                <span style={{ whiteSpace: 'nowrap' }}>
                  <Tag color="error">未确认</Tag>
                  <Typography.Text type="danger">已等待{fmtSpan(w.issuedAt, now)}</Typography.Text>
                </span>
              </List.Item>
            )}
          />
          {d && d.recent.length > 0 && (
            <List
              size="small"
              header={<Typography.Text type="secondary">最近确认</Typography.Text>}
              dataSource={d.recent}
              renderItem={(r) => (
                <List.Item data-acknowledged={`${r.instructionId}|${r.groupNumber}`}>
                  <span style={{ minWidth: 0 }}>
                    <Tag color="success">已确认</Tag>第{r.groupNumber}组 {r.acknowledgedBy}：{r.text}
                  </span>
                  <Typography.Text type="secondary">{fmtClock(r.acknowledgedAt)}</Typography.Text>
                </List.Item>
              )}
            />
          )}
        </div>
      )}
    </Frame>
  );
}

/** Each level's swatch with a text colour that keeps 4.5:1 on it; the label carries the level too. */
const LEVEL_SWATCH: Record<AlertLevel, { background: string; color: string }> = {
  blue: { background: '#0958d9', color: '#fff' },
  yellow: { background: '#fadb14', color: '#000' },
  orange: { background: '#fa8c16', color: '#000' },
  red: { background: '#cf1322', color: '#fff' },
};

export function AlertsPanel({ campaignId, date, height }: PanelProps) {
  const q = usePanel('alerts', campaignId, date);
  return (
    <Frame
      panel="alerts"
      error={q.error}
      extra={<Link to="/dispatch/alerts">预警管理（{q.data?.items.length ?? 0}）</Link>}
    >
      <List
        size="small"
        style={{ maxHeight: height, overflow: 'auto' }}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '当前没有生效中的污染预警：发布预警请到「污染预警」' }}
        renderItem={(a) => (
          <List.Item data-alert={a.id}>
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <span>
                <span className="dashboard-alert-level" style={LEVEL_SWATCH[a.level]}>
                  {a.levelLabel}
                </span>{' '}
                {a.areaNames.join('、')}
              </span>
              <Typography.Text type="secondary">
                {fmtTime(a.startsAt)} 至 {fmtTime(a.endsAt)}
                {a.note && ` · ${a.note}`}
              </Typography.Text>
            </Flex>
            <Typography.Text style={{ whiteSpace: 'nowrap' }}>
              应急管控检查 {a.emergencyInspections}/{a.inspections}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Frame>
  );
}

export function DispatchPanel({ campaignId, date, height }: PanelProps) {
  const q = usePanel('dispatch', campaignId, date);
  const d = q.data;
  const total = (d?.checklistItems ?? 0) + (d?.clues ?? 0);
  return (
    <Frame
      panel="dispatch"
      error={q.error}
      extra={
        d && (
          <Typography.Text type={total ? 'danger' : 'secondary'}>
            清单 {d.checklistItems} · 线索 {d.clues}
          </Typography.Text>
        )
      }
    >
      {d && total === 0 ? (
        <Empty description="没有超期的推送清单事项和12369线索：新推送的事项在「省厅推送清单」「12369线索」中查看" />
      ) : (
        <div style={{ maxHeight: height, overflow: 'auto' }}>
          <Flex gap={6} wrap style={{ marginBottom: 6 }}>
            {(d?.groups ?? []).map((g) => (
              <Tag key={g.groupNumber} color="error">
                第{g.groupNumber}组：清单{g.checklistItems} 线索{g.clues}
              </Tag>
            ))}
          </Flex>
          <ResponsiveTable
            label="超期事项"
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={d?.items ?? []}
            columns={[
              { title: '核查组', dataIndex: 'groupNumber', width: 64, render: (n: number) => `第${n}组` },
              {
                title: '事项',
                dataIndex: 'place',
                render: (p: string, r) => (
                  <Link to={r.kind === 'clue' ? '/dispatch/clues' : '/dispatch/checklists'}>
                    {r.kind === 'clue' ? '线索' : '清单'} · {p}
                  </Link>
                ),
              },
              { title: '时限', dataIndex: 'dueDate', width: 96 },
              {
                title: '督办',
                dataIndex: 'escalationLabel',
                render: (label: string, r) => (
                  <Typography.Text type="danger">
                    逾期{r.daysOverdue}天 · {label}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </div>
      )}
    </Frame>
  );
}
