import { TASK_KINDS } from '@ancha/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api, errorMessage, type Task } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { type ResponsiveColumn, ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { daysUntil } from '../problems/labels.ts';
import { ProblemLiveIndicator } from '../problems/live.tsx';
import { shortTime } from './common.tsx';
import { useDispatchLive } from './live.ts';
import './dispatch.css';

/**
 * 本组调度任务: what command sent the group — instructions to confirm, pushed checklist items
 * and 12369 clues to verify (each closed by the inspection recorded against it on the phone).
 */
export default function GroupTasksPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const live = useDispatchLive();
  const instructions = useQuery({
    queryKey: keys.dispatch('instructions', { current: true }),
    queryFn: () => api.instructions({ current: 'true' }),
    refetchInterval: 60_000,
  });
  const tasks = useQuery({
    queryKey: keys.tasks({ state: 'open', dispatch: true }),
    queryFn: async () => {
      const [c, k] = await Promise.all([
        api.tasks({ kind: 'checklist', state: 'open' }),
        api.tasks({ kind: 'clue', state: 'open' }),
      ]);
      return [...c.items, ...k.items].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    },
  });
  const ack = useMutation({
    mutationFn: (v: { id: string; groupId: string }) => api.acknowledgeInstruction(v.id, v.groupId),
    onSuccess: () => {
      message.success('已确认收到指令');
      qc.invalidateQueries({ queryKey: keys.dispatchAll });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const accept = useMutation({
    mutationFn: (clueId: string) => api.acceptClue(clueId),
    onSuccess: () => {
      message.success('已签收线索');
      qc.invalidateQueries({ queryKey: keys.tasksAll });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const columns: ResponsiveColumn<Task>[] = [
    {
      key: 'kind',
      title: '类型',
      width: 110,
      render: (_, t) => <Tag color={t.kind === 'clue' ? 'purple' : 'cyan'}>{TASK_KINDS[t.kind]}</Tag>,
    },
    {
      key: 'what',
      title: '核查内容',
      render: (_, t) => (
        <div style={{ minWidth: 220 }}>
          <div>{t.checklist?.siteName ?? t.checklist?.address ?? t.clue?.place ?? t.site?.name}</div>
          <Typography.Paragraph
            ellipsis={{ rows: 2, tooltip: t.title }}
            style={{ margin: 0 }}
            type="secondary"
          >
            {t.checklist
              ? `${t.checklist.countyName} · ${t.checklist.reason}`
              : t.clue
                ? `${t.clue.countyName} · ${t.clue.number} · ${t.clue.content}`
                : t.title}
          </Typography.Paragraph>
        </div>
      ),
    },
    {
      key: 'due',
      title: '完成时限',
      width: 130,
      render: (_, t) => {
        const left = daysUntil(t.dueDate);
        return (
          <>
            <span className="num">{t.dueDate}</span>{' '}
            {left < 0 ? (
              <Tag color="red">已超期{-left}天</Tag>
            ) : left <= 1 ? (
              <Tag color="gold">临期</Tag>
            ) : null}
          </>
        );
      },
    },
    {
      key: 'act',
      card: 'actions',
      title: '',
      width: 90,
      render: (_, t) =>
        t.clue?.startedAt ? (
          <Tag color="blue">已签收</Tag>
        ) : t.clue ? (
          <Button size="small" onClick={() => accept.mutate(t.clue!.clueId)} loading={accept.isPending}>
            签收
          </Button>
        ) : null,
    },
  ];
  const mine = (instructions.data?.items ?? []).filter((i) => i.targets.length);
  return (
    <>
      <PageHeader title="本组调度任务" extra={<ProblemLiveIndicator status={live} />} />
      <Card size="small" title="调度指令">
        <ErrorAlert error={instructions.error} onRetry={() => instructions.refetch()} />
        <List
          loading={instructions.isPending}
          dataSource={mine}
          locale={{
            emptyText: <Empty description="当前没有有效的调度指令；指挥调度组下发后将在此即时出现。" />,
          }}
          renderItem={(i) => (
            <List.Item
              className={i.targets.some((t) => !t.acknowledgedAt) ? 'dispatch-unacknowledged' : ''}
              actions={i.targets.map((t) =>
                t.canAcknowledge ? (
                  <Button
                    key={t.groupId}
                    type="primary"
                    size="small"
                    loading={ack.isPending}
                    onClick={() => ack.mutate({ id: i.id, groupId: t.groupId })}
                  >
                    确认收到
                  </Button>
                ) : t.acknowledgedAt ? (
                  <Tag key={t.groupId} color="green">
                    已确认 · {t.acknowledgedBy}
                  </Tag>
                ) : (
                  <Tag key={t.groupId} color="red">
                    {t.waitingText}
                  </Tag>
                ),
              )}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Tag color="blue">{i.kindLabel}</Tag>
                    <Link to={`/dispatch/instructions/${i.id}`}>{i.text}</Link>
                  </Space>
                }
                description={`${shortTime(i.issuedAt)} 下发 · 有效期 ${i.validFrom} 至 ${i.validTo}${i.countyNames.length ? ` · ${i.countyNames.join('、')}` : ''}`}
              />
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title="推送清单和12369线索" style={{ marginTop: 12 }}>
        <ErrorAlert error={tasks.error} onRetry={() => tasks.refetch()} />
        <ResponsiveTable<Task>
          rowKey="id"
          size="small"
          loading={tasks.isPending}
          columns={columns}
          dataSource={tasks.data ?? []}
          scroll={{ x: 600 }}
          rowClassName={(t) => (daysUntil(t.dueDate) < 0 ? 'dispatch-overdue' : '')}
          pagination={(tasks.data?.length ?? 0) > 30 ? { pageSize: 30 } : false}
          locale={{
            emptyText: '暂无待核查的清单事项或线索。组员在手机“核查任务”中打开事项，检查保存后自动办结。',
          }}
        />
      </Card>
    </>
  );
}
