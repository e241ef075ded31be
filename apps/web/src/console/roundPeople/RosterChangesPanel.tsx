import {
  MEMBERSHIP_ROLE_LABELS,
  MEMBERSHIP_ROLES,
  ROSTER_CHANGE_STATE_LABELS,
  rosterChangeBody,
} from '@ancha/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Radio, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../lib/api.ts';
import { type RosterChange, staffingApi } from '../../lib/staffingApi.ts';
import { useCan } from '../auth.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PersonSelect } from '../common/PersonSelect.tsx';
import { type ResponsiveColumn, ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { checkWith, dt, RosterPersonSelect, useGroupOptions } from './shared.tsx';

const STATE_COLORS = { pending: 'gold', approved: 'green', refused: 'default' } as const;

interface RequestValues {
  groupId?: string;
  action: 'add' | 'remove';
  personId?: string;
  role?: (typeof MEMBERSHIP_ROLES)[number];
  reason?: string;
}

/** 暗访核查期间不得擅自增减人员: a change is asked for with a reason and waits for command. */
function RequestModal({
  campaignId,
  roundId,
  onClose,
}: {
  campaignId: string;
  roundId: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<RequestValues>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const groups = useGroupOptions(campaignId, roundId);
  const action = Form.useWatch('action', form);
  const groupId = Form.useWatch('groupId', form);
  const send = useMutation({
    mutationFn: (body: Parameters<typeof staffingApi.requestRosterChange>[1]) =>
      staffingApi.requestRosterChange(roundId, body),
    onSuccess: async () => {
      message.success('已提交名单调整申请，等待指挥调度组审批');
      await qc.invalidateQueries({ queryKey: ['roster-changes', roundId] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title="申请调整本轮名单"
      okText="提交申请"
      cancelText="取消"
      confirmLoading={send.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {send.isError ? (
        <Alert type="error" showIcon title={errorMessage(send.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<RequestValues>
        form={form}
        layout="vertical"
        initialValues={{
          action: 'remove',
          groupId: groups.options.length === 1 ? groups.options[0]!.value : undefined,
        }}
        onFinish={(v) => {
          const body = checkWith(
            rosterChangeBody,
            { ...v, role: v.action === 'add' ? v.role : undefined },
            form,
          );
          if (body) send.mutate(body);
        }}
      >
        <Form.Item label="核查组" name="groupId" rules={[{ required: true, message: '请选择核查组' }]}>
          <Select loading={groups.loading} options={groups.options} />
        </Form.Item>
        <Form.Item label="调整" name="action">
          <Radio.Group
            options={[
              { value: 'remove', label: '减少人员' },
              { value: 'add', label: '增加人员' },
            ]}
            onChange={() => form.setFieldValue('personId', undefined)}
          />
        </Form.Item>
        <Form.Item label="人员" name="personId" rules={[{ required: true, message: '请选择人员' }]}>
          {action === 'add' ? <PersonSelect /> : <RosterPersonSelect roundId={roundId} groupId={groupId} />}
        </Form.Item>
        {action === 'add' ? (
          <Form.Item label="名单角色" name="role">
            <Select options={MEMBERSHIP_ROLES.map((r) => ({ value: r, label: MEMBERSHIP_ROLE_LABELS[r] }))} />
          </Form.Item>
        ) : null}
        <Form.Item label="调整原因" name="reason">
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder="如：家中急事需返回，申请减少该同志"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Command's answer, with an optional note the requester reads. */
function DecisionModal({
  change,
  decision,
  onClose,
}: {
  change: RosterChange;
  decision: 'approve' | 'refuse';
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: () => staffingApi.decide(change.id, { decision, note: note.trim() || undefined }),
    onSuccess: async (c) => {
      message.success(c.state === 'approved' ? '已批准，名单已调整' : '已不予批准');
      await qc.invalidateQueries({ queryKey: ['roster-changes', change.roundId] });
      await qc.invalidateQueries({ queryKey: ['memberships'] });
      onClose();
    },
  });
  const verb = decision === 'approve' ? '批准' : '不批准';
  return (
    <Modal
      open
      title={`${verb}：第${change.groupNumber}组${change.action === 'add' ? '增加' : '减少'}${change.person.name}`}
      okText={verb}
      okButtonProps={{ danger: decision === 'refuse' }}
      cancelText="取消"
      confirmLoading={decide.isPending}
      onOk={() => decide.mutate()}
      onCancel={onClose}
    >
      <p>申请原因：{change.reason}</p>
      {decide.isError ? <Alert type="error" showIcon title={errorMessage(decide.error)} /> : null}
      <label htmlFor="decision-note">审批意见（可不填）</label>
      <Input.TextArea
        id="decision-note"
        rows={3}
        maxLength={500}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
    </Modal>
  );
}

/**
 * A round's roster change requests: who may ask (leader, liaison, dispatching city, command)
 * asks here; command (roster.edit) approves or refuses each with a note. The server scopes the
 * list (command: all; a group: its own; others: what they asked for).
 */
export function RosterChangesPanel({ campaignId, roundId }: { campaignId: string; roundId: string }) {
  const canRequest = useCan('roster.request');
  const canDecide = useCan('roster.edit');
  const [asking, setAsking] = useState(false);
  const [deciding, setDeciding] = useState<{ change: RosterChange; decision: 'approve' | 'refuse' }>();
  const q = useQuery({
    queryKey: ['roster-changes', roundId],
    queryFn: () => staffingApi.rosterChanges(roundId),
  });
  const columns: ResponsiveColumn<RosterChange>[] = [
    { key: 'person', title: '人员', card: 'title', render: (_, c) => `${c.person.name}（${c.person.unit}）` },
    { key: 'group', title: '组', render: (_, c) => `第${c.groupNumber}组` },
    {
      key: 'action',
      title: '调整',
      render: (_, c) =>
        c.action === 'add' ? `增加${c.role ? `（${MEMBERSHIP_ROLE_LABELS[c.role]}）` : ''}` : '减少',
    },
    { key: 'reason', title: '原因', render: (_, c) => <div style={{ minWidth: 160 }}>{c.reason}</div> },
    { key: 'at', title: '提出时间', render: (_, c) => dt(c.requestedAt) },
    {
      key: 'state',
      title: '状态',
      render: (_, c) => (
        <div style={{ minWidth: 120 }}>
          <Tag color={STATE_COLORS[c.state]}>{ROSTER_CHANGE_STATE_LABELS[c.state]}</Tag>
          {c.decidedAt ? <div className="muted">{dt(c.decidedAt)}</div> : null}
          {c.decisionNote ? <div>意见：{c.decisionNote}</div> : null}
        </div>
      ),
    },
    ...(canDecide
      ? [
          {
            key: 'actions',
            title: '审批',
            render: (_: unknown, c: RosterChange) =>
              c.state === 'pending' ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setDeciding({ change: c, decision: 'approve' })}
                  >
                    批准
                  </Button>
                  <Button size="small" onClick={() => setDeciding({ change: c, decision: 'refuse' })}>
                    不批准
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canRequest ? <Button onClick={() => setAsking(true)}>申请调整名单</Button> : null}
      <ErrorAlert error={q.error} />
      <ResponsiveTable<RosterChange>
        label="名单调整申请"
        rowKey="id"
        size="small"
        loading={q.isPending}
        scroll={{ x: 'max-content' }}
        dataSource={q.data?.items ?? []}
        columns={columns}
        locale={{
          emptyText: (
            <EmptyState
              title="暂无名单调整申请"
              why="轮次期间名单冻结，增减人员须写明原因提出申请"
              next={canDecide ? '组长、联络员或派员地市提出的申请在此审批' : '点击“申请调整名单”提出'}
            />
          ),
        }}
      />
      {asking ? (
        <RequestModal campaignId={campaignId} roundId={roundId} onClose={() => setAsking(false)} />
      ) : null}
      {deciding ? <DecisionModal {...deciding} onClose={() => setDeciding(undefined)} /> : null}
    </Space>
  );
}
