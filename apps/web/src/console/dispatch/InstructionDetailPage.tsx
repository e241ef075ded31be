import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { api, errorMessage, type InstructionDetail } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { shortTime } from './common.tsx';
import { OUTCOME_LABELS } from './labels.ts';
import { useDispatchLive } from './live.ts';

type Target = InstructionDetail['targets'][number];
type Done = InstructionDetail['inspectionList'][number];

/** One instruction: its text, each group's confirmation, and what was done under it. */
export default function InstructionDetailPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const qc = useQueryClient();
  useDispatchLive();
  const q = useQuery({
    queryKey: keys.dispatch('instruction', { id }),
    queryFn: () => api.instruction(id),
    refetchInterval: 60_000,
  });
  const ack = useMutation({
    mutationFn: (groupId: string) => api.acknowledgeInstruction(id, groupId),
    onSuccess: () => {
      message.success('已确认收到指令');
      qc.invalidateQueries({ queryKey: keys.dispatchAll });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const i = q.data;
  return (
    <>
      <PageHeader title="调度指令详情" />
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="类型">
            <Tag color="blue">{i.kindLabel}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="下发">
            {shortTime(i.issuedAt)} · {i.issuedBy}
          </Descriptions.Item>
          <Descriptions.Item label="有效期">
            {i.validFrom} 至 {i.validTo}
          </Descriptions.Item>
          <Descriptions.Item label="区县">{i.countyNames.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="内容" span={2}>
            <div style={{ whiteSpace: 'pre-wrap' }}>{i.text}</div>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="各组确认情况" style={{ marginTop: 12 }}>
        <Table<Target>
          rowKey="groupId"
          size="small"
          scroll={{ x: 560 }}
          pagination={false}
          dataSource={i.targets}
          rowClassName={(t) => (t.acknowledgedAt ? '' : 'dispatch-unacknowledged')}
          columns={[
            { title: '核查组', render: (_, t) => `第${t.groupNumber}组 · 驻${t.stationedCityName}` },
            {
              title: '确认',
              render: (_, t) =>
                t.acknowledgedAt ? (
                  <span data-testid={`acked-${t.groupNumber}`}>
                    已确认 · {t.acknowledgedBy} · {shortTime(t.acknowledgedAt)}
                  </span>
                ) : (
                  <Space wrap>
                    <Tag color="red">{t.waitingText}</Tag>
                    {t.canAcknowledge ? (
                      <Button
                        size="small"
                        type="primary"
                        loading={ack.isPending}
                        onClick={() => ack.mutate(t.groupId)}
                      >
                        确认收到
                      </Button>
                    ) : null}
                  </Space>
                ),
            },
            { title: '据此检查', width: 90, render: (_, t) => t.inspections },
          ]}
        />
      </Card>
      <Card size="small" title="据此开展的检查" style={{ marginTop: 12 }}>
        <Table<Done>
          rowKey="id"
          size="small"
          scroll={{ x: 560 }}
          pagination={i.inspectionList.length > 30 ? { pageSize: 30 } : false}
          dataSource={i.inspectionList}
          locale={{ emptyText: '尚无引用本指令的检查记录；核查组在手机上新建检查时可选择本指令。' }}
          columns={[
            { title: '时间', width: 110, render: (_, d) => shortTime(d.startedAt) },
            { title: '核查组', width: 110, render: (_, d) => `第${d.groupNumber}组${d.teamNumber}小组` },
            { title: '点位', render: (_, d) => <Link to={`/inspections/${d.id}`}>{d.siteName}</Link> },
            { title: '结果', width: 160, render: (_, d) => OUTCOME_LABELS[d.outcome] ?? d.outcome },
          ]}
        />
      </Card>
    </>
  );
}
