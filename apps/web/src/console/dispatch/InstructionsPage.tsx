import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type Instruction } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { useCampaignParam } from '../common/CampaignSelect.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { ProblemLiveIndicator } from '../problems/live.tsx';
import { shortTime } from './common.tsx';
import { InstructionForm } from './InstructionForm.tsx';
import { useDispatchLive } from './live.ts';
import './dispatch.css';

const waiting = (i: Instruction) => i.targets.filter((t) => !t.acknowledgedAt);

/** 指令: what command sent, to whom, who has confirmed, and how long the others have been silent. */
export default function InstructionsPage() {
  const { campaign, select } = useCampaignParam();
  const [open, setOpen] = useState(false);
  const live = useDispatchLive();
  const list = useQuery({
    queryKey: keys.dispatch('instructions', { campaignId: campaign?.id }),
    queryFn: () => api.instructions({ campaignId: campaign!.id }),
    enabled: !!campaign,
    // The waiting time is the server's count: refetch each minute so it keeps moving.
    refetchInterval: 60_000,
  });
  const rows = list.data?.items ?? [];
  const columns: TableColumnsType<Instruction> = [
    {
      key: 'at',
      title: '下发时间',
      width: 110,
      render: (_, i) => <span className="num">{shortTime(i.issuedAt)}</span>,
    },
    {
      key: 'text',
      title: '指令',
      render: (_, i) => (
        <div style={{ minWidth: 220 }}>
          <Tag color="blue">{i.kindLabel}</Tag>
          <Link to={`/dispatch/instructions/${i.id}`}>
            {i.text.length > 60 ? `${i.text.slice(0, 60)}…` : i.text}
          </Link>
          <div className="muted">
            {i.validFrom} 至 {i.validTo}
            {i.countyNames.length ? ` · ${i.countyNames.join('、')}` : ''}
          </div>
        </div>
      ),
    },
    {
      key: 'ack',
      title: '确认情况',
      width: 300,
      render: (_, i) => {
        const w = waiting(i);
        return (
          <div data-testid={`ack-${i.id}`}>
            <div>
              已确认 {i.targets.length - w.length}/{i.targets.length}
            </div>
            <Flex wrap gap={4}>
              {w.slice(0, 6).map((t) => (
                <Tag key={t.groupId} color="red">
                  第{t.groupNumber}组 {t.waitingText}
                </Tag>
              ))}
              {w.length > 6 ? <Tag color="red">等{w.length}个组</Tag> : null}
            </Flex>
          </div>
        );
      },
    },
    {
      key: 'done',
      title: '据此检查',
      width: 90,
      render: (_, i) => <span className="num">{i.targets.reduce((n, t) => n + t.inspections, 0)}</span>,
    },
  ];
  return (
    <>
      <PageHeader
        title="调度指令"
        extra={
          <>
            <ProblemLiveIndicator status={live} />
            {select}
            <Button type="primary" disabled={!campaign} onClick={() => setOpen(true)}>
              下发指令
            </Button>
          </>
        }
      />
      <Card size="small">
        <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
        <Table<Instruction>
          rowKey="id"
          size="small"
          loading={list.isPending && !!campaign}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 720 }}
          rowClassName={(i) => (waiting(i).length ? 'dispatch-unacknowledged' : '')}
          pagination={rows.length > 30 ? { pageSize: 30 } : false}
          locale={{
            emptyText: (
              <Empty description="尚未下发指令。点击“下发指令”，向核查组布置区域集中暗查或行业暗查。" />
            ),
          }}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          红色标出尚未确认的核查组及已等待的时间；组长或联络员确认后即时更新。
        </Typography.Paragraph>
      </Card>
      <InstructionForm campaignId={campaign?.id ?? ''} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
