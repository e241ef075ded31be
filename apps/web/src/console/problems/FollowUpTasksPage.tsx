import { isProvincial } from '@ancha/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Tag, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, type Task } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { useUser } from '../auth.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFieldGroups } from '../fieldwork/useFieldGroups.ts';
import { countdown, daysUntil, stateLabel } from './labels.ts';
import { ProblemLiveIndicator, useProblemLive } from './live.tsx';
import './problems.css';
import { EmptyState } from '../common/EmptyState.tsx';
import { type ResponsiveColumn, ResponsiveTable } from '../common/ResponsiveTable.tsx';

/** A round about to end: its follow-ups must all be done before its last day (工作方案). */
const WARN_DAYS = 3;

function Banners({ tasks }: { tasks: Task[] }) {
  const byRound = new Map<number, Task[]>();
  for (const t of tasks) byRound.set(t.roundNumber, [...(byRound.get(t.roundNumber) ?? []), t]);
  return (
    <>
      {[...byRound.entries()]
        .sort(([a], [b]) => a - b)
        .map(([round, list]) => {
          const due = list[0]!.dueDate;
          const left = daysUntil(due);
          if (left > WARN_DAYS) return null;
          return (
            <Alert
              key={round}
              type={left < 0 ? 'error' : 'warning'}
              showIcon
              style={{ marginBottom: 12 }}
              title={
                left < 0
                  ? `第${round}轮已于 ${due} 结束，仍有 ${list.length} 项回头看未完成`
                  : `第${round}轮将于 ${due} 结束（${countdown(due)}），尚有 ${list.length} 项回头看未完成`
              }
              description="按工作方案，本轮交办问题的回头看须在轮次结束前全部完成；未完成的将结转下一轮。"
            />
          );
        })}
    </>
  );
}

/** 回头看任务: the handed-over problems a group must re-inspect, by the end of its round. */
export default function TasksPage() {
  const roles = useUser().roles;
  const province = isProvincial(roles);
  const groups = useFieldGroups();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const groupId = params.get('group') ?? undefined;
  const status = useProblemLive();
  const tasks = useQuery({
    queryKey: keys.tasks({ kind: 'follow_up', state: 'open', groupId }),
    queryFn: () => api.tasks({ kind: 'follow_up', state: 'open', groupId }),
    select: (r) =>
      [...r.items].sort(
        (a, b) => a.dueDate.localeCompare(b.dueDate) || a.createdAt.localeCompare(b.createdAt),
      ),
  });
  const rows = tasks.data ?? [];

  const columns: ResponsiveColumn<Task>[] = [
    {
      key: 'site',
      title: '问题点位 / 问题描述',
      render: (_, t) => (
        <div style={{ minWidth: 240 }}>
          <Link to={`/problems/${t.sourceId}`}>{t.site?.name ?? t.title}</Link>
          {t.carriedFrom ? <Tag style={{ marginInlineStart: 8 }}>上轮结转</Tag> : null}
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: t.title }} style={{ margin: 0 }}>
            {t.title}
          </Typography.Paragraph>
        </div>
      ),
    },
    { key: 'number', title: '交办单编号', width: 200, render: (_, t) => t.followUp?.handoverNumber ?? '—' },
    ...(province
      ? [
          {
            key: 'group',
            title: '核查组',
            width: 160,
            render: (_: unknown, t: Task) => groups.label(t.groupId),
          },
        ]
      : []),
    { key: 'round', title: '轮次', width: 80, render: (_, t) => `第${t.roundNumber}轮` },
    {
      key: 'due',
      title: '完成期限（轮次结束）',
      width: 170,
      render: (_, t) => {
        const left = daysUntil(t.dueDate);
        return (
          <>
            <span className="num">{t.dueDate}</span>{' '}
            <Typography.Text type={left <= WARN_DAYS ? 'danger' : 'secondary'}>
              {countdown(t.dueDate)}
            </Typography.Text>
          </>
        );
      },
    },
    {
      key: 'state',
      title: '问题状态',
      width: 110,
      render: (_, t) => <Tag color="gold">{t.followUp ? stateLabel(t.followUp.problemState) : '—'}</Tag>,
    },
    {
      key: 'go',
      card: 'actions',
      title: '',
      width: 90,
      render: (_, t) => (
        <Button size="small" type="primary" onClick={() => navigate(`/problems/${t.sourceId}`)}>
          去回头看
        </Button>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title="回头看任务"
        extra={
          <>
            <ProblemLiveIndicator status={status} />
            {province ? (
              <Select
                aria-label="核查组"
                style={{ width: 200 }}
                allowClear
                placeholder="全部核查组"
                loading={groups.pending}
                value={groupId}
                options={groups.options}
                onChange={(v: string | undefined) =>
                  setParams((p) => {
                    if (v) p.set('group', v);
                    else p.delete('group');
                    return p;
                  })
                }
              />
            ) : null}
          </>
        }
      />
      <Banners tasks={rows} />
      <Card size="small">
        <ErrorAlert error={tasks.error} onRetry={() => tasks.refetch()} />
        <ResponsiveTable<Task>
          rowKey="id"
          size="small"
          loading={tasks.isPending}
          columns={columns}
          dataSource={rows}
          rowClassName={(t) => (daysUntil(t.dueDate) < 0 ? 'problem-overdue' : '')}
          pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          locale={{
            emptyText: (
              <EmptyState
                title="暂无待完成的回头看任务"
                why="属地局反馈查处整改情况后，交办的问题会在这里生成回头看任务。"
                next="届时请到现场核实整改情况并在手机端记录。"
              />
            ),
          }}
        />
      </Card>
    </>
  );
}
