import { incidentBody, MEMBERSHIP_ROLE_LABELS } from '@ancha/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../lib/api.ts';
import { type Incident, staffingApi } from '../../lib/staffingApi.ts';
import { useCan } from '../auth.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { type ResponsiveColumn, ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { checkWith, dt, useGroupOptions } from './shared.tsx';

interface Values {
  groupId?: string;
  occurredAt?: Dayjs;
  place?: string;
  people?: string;
  description?: string;
  actions?: string;
}

function ReportModal({
  campaignId,
  roundId,
  onClose,
}: {
  campaignId: string;
  roundId: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const groups = useGroupOptions(campaignId, roundId);
  const report = useMutation({
    mutationFn: staffingApi.reportIncident,
    onSuccess: async () => {
      message.success('已报告安全事件');
      await qc.invalidateQueries({ queryKey: ['incidents'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title="报告安全事件"
      okText="报告"
      cancelText="取消"
      confirmLoading={report.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {report.isError ? (
        <Alert type="error" showIcon title={errorMessage(report.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ groupId: groups.options.length === 1 ? groups.options[0]!.value : undefined }}
        onFinish={(v) => {
          const body = checkWith(
            incidentBody,
            { ...v, roundId, occurredAt: v.occurredAt?.format() ?? '' },
            form,
          );
          if (body) report.mutate(body);
        }}
      >
        <Form.Item label="核查组" name="groupId" rules={[{ required: true, message: '请选择核查组' }]}>
          <Select loading={groups.loading} options={groups.options} />
        </Form.Item>
        <Form.Item label="发生时间" name="occurredAt" rules={[{ required: true, message: '请选择发生时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="地点" name="place">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="涉及人员" name="people">
          <Input maxLength={500} placeholder="姓名，多人用顿号分隔" />
        </Form.Item>
        <Form.Item label="经过" name="description">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item label="已采取的措施" name="actions">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Safety incidents of a round: the leader and the liaison are the named owners and log them;
 * command sees the open ones; whoever may report one closes it once dealt with.
 */
export function IncidentsPanel({ campaignId, roundId }: { campaignId: string; roundId: string }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const canReport = useCan('safety.report');
  const [state, setState] = useState<'open' | 'closed' | 'all'>('open');
  const [reporting, setReporting] = useState(false);
  const q = useQuery({
    queryKey: ['incidents', roundId, state],
    queryFn: () => staffingApi.incidents(state === 'all' ? undefined : state, roundId),
  });
  const close = useMutation({
    mutationFn: staffingApi.closeIncident,
    onSuccess: async () => {
      message.success('安全事件已关闭');
      await qc.invalidateQueries({ queryKey: ['incidents'] });
    },
  });
  const columns: ResponsiveColumn<Incident>[] = [
    { key: 'group', title: '组', card: 'title', render: (_, i) => `第${i.groupNumber}组 ${i.stationedCity}` },
    { key: 'at', title: '时间', render: (_, i) => dt(i.occurredAt) },
    { key: 'place', title: '地点', dataIndex: 'place' },
    { key: 'people', title: '人员', dataIndex: 'people' },
    { key: 'what', title: '经过', render: (_, i) => <div style={{ minWidth: 160 }}>{i.description}</div> },
    { key: 'done', title: '措施', render: (_, i) => <div style={{ minWidth: 160 }}>{i.actions}</div> },
    {
      key: 'owners',
      title: '责任人',
      render: (_, i) => i.owners.map((o) => `${MEMBERSHIP_ROLE_LABELS[o.role]} ${o.name}`).join('、') || '—',
    },
    {
      key: 'state',
      title: '状态',
      render: (_, i) =>
        i.state === 'open' ? <Tag color="red">未关闭</Tag> : <Tag>已关闭 {dt(i.closedAt)}</Tag>,
    },
    ...(canReport
      ? [
          {
            key: 'actions',
            title: '操作',
            render: (_: unknown, i: Incident) =>
              i.state === 'open' ? (
                <Popconfirm
                  title="确认该事件已处置完毕并关闭？"
                  okText="关闭事件"
                  cancelText="取消"
                  onConfirm={() => close.mutate(i.id)}
                >
                  <Button size="small">关闭</Button>
                </Popconfirm>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {canReport ? <Button onClick={() => setReporting(true)}>报告安全事件</Button> : null}
        <Segmented
          aria-label="事件状态"
          value={state}
          onChange={(v) => setState(v as typeof state)}
          options={[
            { value: 'open', label: '未关闭' },
            { value: 'closed', label: '已关闭' },
            { value: 'all', label: '全部' },
          ]}
        />
      </Space>
      <ErrorAlert error={q.error ?? close.error} />
      <ResponsiveTable<Incident>
        label="安全事件"
        rowKey="id"
        size="small"
        loading={q.isPending}
        scroll={{ x: 'max-content' }}
        dataSource={q.data?.items ?? []}
        columns={columns}
        locale={{
          emptyText: (
            <EmptyState
              title={state === 'open' ? '没有未关闭的安全事件' : '暂无安全事件'}
              why="组长、联络员为本组安全责任人"
              next="发生安全事件时点击“报告安全事件”，写明时间、地点、人员和措施"
            />
          ),
        }}
      />
      {reporting ? (
        <ReportModal campaignId={campaignId} roundId={roundId} onClose={() => setReporting(false)} />
      ) : null}
    </Space>
  );
}
