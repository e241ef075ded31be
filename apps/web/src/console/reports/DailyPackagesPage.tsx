import { can, DAILY_PACKAGE_STATES, shanghaiClock, shanghaiDate } from '@ancha/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, List, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type DailyPackage, reportsApi } from '../../lib/reportsApi.ts';
import { useUser } from '../auth.tsx';
import { useCampaignParam } from '../common/CampaignSelect.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { ReportSettingsCard } from './ReportSettingsCard.tsx';

const COLOR = { pending: 'default', sent: 'success', sent_late: 'warning', failed: 'error' } as const;

/**
 * 每日报送: each group's package of a day — what it holds, what is still missing (the 19:00
 * warning), and whether it went on time, late (when) or not at all (why). Refreshed every 15 s.
 */
export default function DailyPackagesPage() {
  const roles = useUser().roles;
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [date, setDate] = useState(() => shanghaiDate(new Date()));
  const list = useQuery({
    queryKey: ['daily-packages', date],
    queryFn: () => reportsApi.packages({ date }),
    refetchInterval: 15_000,
  });
  const send = useMutation({
    mutationFn: (groupId: string) => reportsApi.sendPackage(groupId, date),
    onSuccess: () => {
      message.success('已提交报送，邮件发送中');
      void qc.invalidateQueries({ queryKey: ['daily-packages'] });
      // The mail leaves within seconds: look again shortly.
      setTimeout(() => void qc.invalidateQueries({ queryKey: ['daily-packages'] }), 2000);
    },
  });
  const mayRun = can(roles, 'packages.send');
  // The campaign's mailbox and times are command's to set (campaign.edit); the page's groups are its.
  const { campaign, campaigns, select } = useCampaignParam();
  const maySet = can(roles, 'campaign.edit');
  const columns: TableColumnsType<DailyPackage> = [
    {
      title: '核查组',
      key: 'g',
      width: 150,
      render: (_, p) => `第${p.groupNumber}组（驻${p.stationedCity}）`,
    },
    {
      title: '状态',
      key: 'state',
      width: 120,
      render: (_, p) => (
        <Tag color={COLOR[p.state]} data-testid={`package-state-${p.groupNumber}`}>
          {DAILY_PACKAGE_STATES[p.state]}
        </Tag>
      ),
    },
    { title: '说明', dataIndex: 'text', key: 'text' },
    {
      title: '内容',
      key: 'contents',
      width: 200,
      render: (_, p) =>
        `交办单${p.contents.handovers}份、典型案例${p.contents.typicalCases}份、问题${p.contents.problems}个`,
    },
    {
      title: '缺项',
      key: 'missing',
      render: (_, p) =>
        p.missing.length === 0 ? (
          <Typography.Text type="success">无</Typography.Text>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 16 }}>
            {p.missing.map((m) => (
              <li key={`${m.code}-${m.ref ?? m.teamNumber ?? ''}`}>
                <Typography.Text type={m.severity === 'blocking' ? 'danger' : undefined}>
                  {m.message}
                </Typography.Text>
              </li>
            ))}
          </ul>
        ),
    },
    ...(mayRun
      ? [
          {
            title: '操作',
            key: 'act',
            width: 110,
            render: (_: unknown, p: DailyPackage) => (
              <Button
                size="small"
                loading={send.isPending && send.variables === p.groupId}
                onClick={() => send.mutate(p.groupId)}
              >
                {p.sends.length ? '再次报送' : '立即报送'}
              </Button>
            ),
          },
        ]
      : []),
  ];
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="每日报送"
        extra={
          <Input
            type="date"
            aria-label="报送日期"
            value={date}
            onChange={(e) => e.target.value && setDate(e.target.value)}
            style={{ width: 160 }}
          />
        }
      >
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          每天{items[0] ? shanghaiClock(items[0].warningAt) : '19:00'}提醒缺项，
          {items[0] ? shanghaiClock(items[0].deadlineAt) : '20:00'}
          前自动将当天的交办单、典型案例和问题清单发送至指定邮箱；组长可提前手动报送，再次报送只附有变更的文件并逐项注明；内容未变时不再重复发送。
        </Typography.Paragraph>
      </PageHeader>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {send.error ? <ErrorAlert error={send.error} /> : null}
      {maySet && campaign ? (
        <ReportSettingsCard
          campaignId={campaign.id}
          extra={(campaigns.data?.length ?? 0) > 1 ? select : null}
        />
      ) : null}
      <Card>
        <ResponsiveTable
          rowKey="groupId"
          columns={columns}
          dataSource={items}
          loading={list.isLoading}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{
            emptyText: <Empty description="当天没有核查组的报送：请先在“专项行动”中确认轮次与核查组" />,
          }}
          expandable={{
            rowExpandable: (p) => p.sends.length > 0,
            expandedRowRender: (p) => (
              <List
                size="small"
                dataSource={p.sends}
                renderItem={(s) => (
                  <List.Item style={{ display: 'block' }}>
                    <Space wrap>
                      <span>
                        第{s.seq}次（{s.trigger === 'manual' ? '手动' : '定时'}）
                      </span>
                      <span>生成 {shanghaiClock(s.preparedAt)}</span>
                      <span>
                        {s.sentAt
                          ? `发出 ${shanghaiClock(s.sentAt)}`
                          : s.status === 'failed'
                            ? '发送失败'
                            : '待发送'}
                      </span>
                      <span>{s.summary}</span>
                    </Space>
                    {s.changes.length > 0 && (
                      <ul
                        style={{ margin: '4px 0 0', paddingLeft: 16 }}
                        aria-label={`第${s.seq}次报送的变更`}
                      >
                        {s.changes.map((c) => (
                          <li key={c}>{c}</li>
                        ))}
                      </ul>
                    )}
                  </List.Item>
                )}
              />
            ),
          }}
        />
      </Card>
    </>
  );
}
