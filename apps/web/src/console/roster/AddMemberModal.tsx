import { MEMBERSHIP_ROLE_LABELS, MEMBERSHIP_ROLES, type MembershipRole } from '@ancha/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Form, Modal, Select } from 'antd';
import { api, errorMessage, type Group, type Round } from '../../lib/api.ts';
import { shortCity } from '../../lib/queries.ts';
import { PersonSelect } from '../common/PersonSelect.tsx';

interface Values {
  personId: string;
  role: MembershipRole;
}

export function AddMemberModal({
  round,
  group,
  onClose,
}: {
  round: Round;
  group: Group;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const add = useMutation({
    mutationFn: (v: Values) =>
      api.addMembership(round.id, { personId: v.personId, groupId: group.id, role: v.role }),
    onSuccess: (m) => {
      message.success(`已将“${m.person.name}”编入第${group.number}组（${MEMBERSHIP_ROLE_LABELS[m.role]}）`);
      qc.invalidateQueries({ queryKey: ['memberships', round.id] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`添加人员到第${round.number}轮 第${group.number}组（进驻${shortCity(group.stationedCity.name)}）`}
      okText="添加"
      cancelText="取消"
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {add.isError ? (
        <Alert type="error" showIcon title={errorMessage(add.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ role: 'member' }}
        onFinish={(v) => add.mutate(v)}
      >
        <Form.Item
          label="人员"
          name="personId"
          rules={[{ required: true, message: '请选择人员' }]}
          extra="人员库中没有的，请先在“人员库”中新增。异地交叉：不能进驻本人所在地市。"
        >
          <PersonSelect />
        </Form.Item>
        <Form.Item label="名单角色" name="role" rules={[{ required: true, message: '请选择名单角色' }]}>
          <Select options={MEMBERSHIP_ROLES.map((r) => ({ value: r, label: MEMBERSHIP_ROLE_LABELS[r] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
