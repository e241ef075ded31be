import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Form, Input, InputNumber, Modal, Select } from 'antd';
import { api, errorMessage, type Group, type Membership, type Round, type Team } from '../../lib/api.ts';
import { groupLabel } from '../fieldwork/useFieldGroups.ts';

interface Values {
  number: number;
  memberIds: string[];
  recorderSerial: string;
}

/**
 * Forms (or adjusts) a 2-person team from the group's roster: its leader and members who
 * are not yet in another team this round, and the one body-worn recorder the team carries.
 */
export function TeamFormModal({
  round,
  group,
  team,
  available,
  nextNumber,
  onClose,
}: {
  round: Round;
  group: Group;
  /** The team being adjusted; absent when forming a new one. */
  team?: Team;
  /** Roster leader/members in no team yet (a team's own members are added when editing). */
  available: Membership[];
  nextNumber: number;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { roundId: round.id, groupId: group.id, ...v, recorderSerial: v.recorderSerial.trim() };
      return team ? api.updateTeam(team.id, body) : api.createTeam(body);
    },
    onSuccess: (t) => {
      message.success(
        `第${t.number}小组已${team ? '调整' : '编成'}：${t.members.map((m) => m.name).join('、')}`,
      );
      qc.invalidateQueries({ queryKey: ['teams', round.id] });
      onClose();
    },
  });

  const options = [
    ...(team?.members ?? []).map((m) => ({ value: m.personId, label: `${m.name}（本小组）` })),
    ...available.map((m) => ({
      value: m.person.id,
      label: `${m.person.name}${m.role === 'leader' ? '（组长）' : ''} · ${m.person.unit}`,
    })),
  ];

  return (
    <Modal
      open
      title={`${team ? `调整第${team.number}小组` : '新建小组'} · 第${round.number}轮 ${groupLabel(group)}`}
      okText={team ? '保存' : '编组'}
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
          number: team?.number ?? nextNumber,
          memberIds: team?.members.map((m) => m.personId) ?? [],
          recorderSerial: team?.recorderSerial ?? '',
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item label="小组编号" name="number" rules={[{ required: true, message: '请填写小组编号' }]}>
          <InputNumber min={1} max={50} precision={0} prefix="第" suffix="小组" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          label="小组成员"
          name="memberIds"
          extra="每个小组2人，从本轮本组名单中的组长、组员中选择；已在其他小组的人员不在列表中。"
          rules={[
            { required: true, message: '请选择2名成员' },
            { type: 'array', len: 2, message: '每个小组为2人' },
          ]}
        >
          <Select
            mode="multiple"
            maxCount={2}
            placeholder="选择2名成员"
            options={options}
            showSearch={{ optionFilterProp: 'label' }}
            notFoundContent="本组名单中已没有未编组的组长或组员"
          />
        </Form.Item>
        <Form.Item
          label="执法记录仪编号"
          name="recorderSerial"
          extra="每个小组配备1部执法记录仪，同一轮内不能重复。"
          rules={[
            { required: true, whitespace: true, message: '请填写执法记录仪编号' },
            { max: 64, message: '编号不超过64个字符' },
          ]}
        >
          <Input placeholder="如 DSJ-0012" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
