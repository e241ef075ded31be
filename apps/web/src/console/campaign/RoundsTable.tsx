import { Button, Card, Typography } from 'antd';
import { useState } from 'react';
import type { Round } from '../../lib/api.ts';
import { useRounds } from '../../lib/queries.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { RoundEditModal } from './RoundEditModal.tsx';

export function RoundsTable({ campaignId, canEdit }: { campaignId: string; canEdit: boolean }) {
  const rounds = useRounds(campaignId);
  const [editing, setEditing] = useState<Round | null>(null);

  return (
    <Card title="轮次安排" size="small" style={{ marginBottom: 16 }}>
      <ErrorAlert error={rounds.error} onRetry={() => rounds.refetch()} />
      <ResponsiveTable<Round>
        rowKey="id"
        size="small"
        pagination={false}
        loading={rounds.isPending}
        dataSource={rounds.data ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无轮次' }}
        columns={[
          { title: '轮次', dataIndex: 'number', render: (n: number) => `第${n}轮` },
          { title: '开始日期', dataIndex: 'startDate', className: 'num' },
          { title: '结束日期', dataIndex: 'endDate', className: 'num' },
          {
            title: '报告截止',
            dataIndex: 'reportDueDate',
            className: 'num',
            render: (d: string) => <Typography.Text strong>{d}</Typography.Text>,
          },
          ...(canEdit
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  render: (_: unknown, r: Round) => (
                    <Button type="link" size="small" onClick={() => setEditing(r)}>
                      调整日期
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        报告截止日为每轮结束后第3个工作日（按国家法定节假日及调休安排计算），由组长签字后上报省厅。
      </Typography.Paragraph>
      {editing ? <RoundEditModal round={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}
