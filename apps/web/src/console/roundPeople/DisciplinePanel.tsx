import { DISCIPLINE_KIND_LABELS, disciplineBody } from '@ancha/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../lib/api.ts';
import { type Discipline, staffingApi } from '../../lib/staffingApi.ts';
import { useCan } from '../auth.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { type ResponsiveColumn, ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { checkWith, dt, RosterPersonSelect, useGroupOptions } from './shared.tsx';

type Kind = keyof typeof DISCIPLINE_KIND_LABELS;
const KINDS = Object.keys(DISCIPLINE_KIND_LABELS) as Kind[];

interface Values {
  groupId?: string;
  personId?: string;
  kind?: Kind;
  occurredOn?: Dayjs;
  description?: string;
}

function RecordModal({
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
  const groupId = Form.useWatch('groupId', form);
  const save = useMutation({
    mutationFn: staffingApi.recordDiscipline,
    onSuccess: async () => {
      message.success('已记录违纪情况');
      await qc.invalidateQueries({ queryKey: ['discipline', roundId] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title="记录违纪情况"
      okText="记录"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {save.isError ? (
        <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'evidence_late',
          groupId: groups.options.length === 1 ? groups.options[0]!.value : undefined,
        }}
        onFinish={(v) => {
          const body = checkWith(
            disciplineBody,
            { ...v, roundId, occurredOn: v.occurredOn?.format('YYYY-MM-DD') ?? '' },
            form,
          );
          if (body) save.mutate(body);
        }}
      >
        <Form.Item label="核查组" name="groupId" rules={[{ required: true, message: '请选择核查组' }]}>
          <Select
            loading={groups.loading}
            options={groups.options}
            onChange={() => form.setFieldValue('personId', undefined)}
          />
        </Form.Item>
        <Form.Item label="人员" name="personId" rules={[{ required: true, message: '请选择人员' }]}>
          <RosterPersonSelect roundId={roundId} groupId={groupId} />
        </Form.Item>
        <Form.Item label="类型" name="kind">
          <Select options={KINDS.map((k) => ({ value: k, label: DISCIPLINE_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item label="发生日期" name="occurredOn" rules={[{ required: true, message: '请选择发生日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="情况说明" name="description">
          <Input.TextArea
            rows={3}
            maxLength={1000}
            placeholder="如：10月21日现场发现涉嫌违法问题，证据次日才发布至工作群"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Discipline records of a round, for everyone in scope or one person (e.g. evidence posted late). */
export function DisciplinePanel({ campaignId, roundId }: { campaignId: string; roundId: string }) {
  const canWrite = useCan('discipline.write');
  const [personId, setPersonId] = useState<string>();
  const [recording, setRecording] = useState(false);
  const seats = useQuery({
    queryKey: ['memberships', roundId, undefined],
    queryFn: () => api.memberships(roundId),
  });
  const q = useQuery({
    queryKey: ['discipline', roundId, personId],
    queryFn: () => staffingApi.discipline(roundId, personId),
  });
  const columns: ResponsiveColumn<Discipline>[] = [
    { key: 'person', title: '人员', card: 'title', render: (_, d) => d.person.name },
    { key: 'kind', title: '类型', render: (_, d) => DISCIPLINE_KIND_LABELS[d.kind] },
    { key: 'on', title: '发生日期', dataIndex: 'occurredOn' },
    {
      key: 'what',
      title: '情况说明',
      render: (_, d) => <div style={{ minWidth: 200 }}>{d.description}</div>,
    },
    { key: 'at', title: '记录时间', render: (_, d) => dt(d.createdAt) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {canWrite ? <Button onClick={() => setRecording(true)}>记录违纪情况</Button> : null}
        <Select
          aria-label="按人员查看"
          allowClear
          style={{ minWidth: 220 }}
          placeholder="全部人员（可按人员查看）"
          value={personId}
          onChange={setPersonId}
          loading={seats.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          options={(seats.data?.items ?? []).map((m) => ({
            value: m.person.id,
            label: `第${m.groupNumber}组 ${m.person.name}`,
          }))}
        />
      </Space>
      <ErrorAlert error={q.error} />
      <ResponsiveTable<Discipline>
        label="违纪记录"
        rowKey="id"
        size="small"
        loading={q.isPending}
        scroll={{ x: 'max-content' }}
        dataSource={q.data?.items ?? []}
        columns={columns}
        locale={{
          emptyText: (
            <EmptyState
              title={personId ? '该人员本轮没有违纪记录' : '本轮暂无违纪记录'}
              why="如未及时将现场证据发布至工作群、未完成检查任务量等"
              next={canWrite ? '发现时点击“记录违纪情况”' : undefined}
            />
          ),
        }}
      />
      {recording ? (
        <RecordModal campaignId={campaignId} roundId={roundId} onClose={() => setRecording(false)} />
      ) : null}
    </Space>
  );
}
