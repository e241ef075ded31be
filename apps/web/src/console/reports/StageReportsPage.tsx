import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Input, Progress, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { saveBlob } from '../../lib/api.ts';
import { useCampaigns } from '../../lib/queries.ts';
import { reportsApi, type StageReport } from '../../lib/reportsApi.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';

const STATE = { queued: '排队中', running: '生成中', done: '已完成', failed: '失败' } as const;

/** 阶段性报告: a range over the whole province, generated in the background with its progress. */
export default function StageReportsPage() {
  const campaigns = useCampaigns();
  const campaign = campaigns.data?.[0];
  const qc = useQueryClient();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const list = useQuery({
    queryKey: ['stage-reports'],
    queryFn: () => reportsApi.stageReports(),
    refetchInterval: (q) =>
      q.state.data?.items.some((r) => r.state === 'queued' || r.state === 'running') ? 1500 : false,
  });
  const create = useMutation({
    mutationFn: () =>
      reportsApi.requestStageReport({
        campaignId: campaign!.id,
        from: from || campaign!.startDate,
        to: to || campaign!.endDate,
        scope: { kind: 'province' },
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['stage-reports'] }),
  });
  return (
    <>
      <PageHeader
        title="阶段性报告"
        extra={
          <Space wrap>
            <Input type="date" aria-label="开始日期" value={from} onChange={(e) => setFrom(e.target.value)} />
            <Input type="date" aria-label="结束日期" value={to} onChange={(e) => setTo(e.target.value)} />
            <Button
              type="primary"
              disabled={!campaign}
              loading={create.isPending}
              onClick={() => create.mutate()}
            >
              生成全省阶段性报告
            </Button>
          </Space>
        }
      />
      {create.error ? <ErrorAlert error={create.error} /> : null}
      <Card>
        <Table<StageReport>
          rowKey="id"
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          pagination={false}
          scroll={{ x: 640 }}
          locale={{ emptyText: <Empty description="选择日期范围后点击“生成全省阶段性报告”" /> }}
          columns={[
            { title: '范围', key: 'r', render: (_, r) => `${r.from} 至 ${r.to}` },
            {
              title: '进度',
              key: 'p',
              render: (_, r) =>
                r.state === 'done' || r.state === 'failed' ? (
                  <Tag color={r.state === 'done' ? 'success' : 'error'}>{STATE[r.state]}</Tag>
                ) : (
                  <Progress percent={r.progress} size="small" aria-label="生成进度" />
                ),
            },
            {
              title: '文件',
              key: 'f',
              render: (_, r) =>
                r.state === 'done' ? (
                  <Button
                    size="small"
                    onClick={async () =>
                      saveBlob(await reportsApi.stageReportDocx(r.id), r.filename ?? '阶段性报告.docx')
                    }
                  >
                    下载
                  </Button>
                ) : (
                  (r.error ?? null)
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
