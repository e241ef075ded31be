import { MOBILE_RE } from '@ancha/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage, type Person, type PersonInput } from '../../lib/api.ts';
import { DivisionCascader } from '../common/DivisionCascader.tsx';

interface Values {
  name: string;
  homeDivisionCode: string;
  unit: string;
  position?: string;
  certNumber?: string;
  certValidUntil?: Dayjs | null;
  phone: string;
}

function toBody(v: Values): PersonInput {
  return {
    name: v.name.trim(),
    homeDivisionCode: v.homeDivisionCode,
    unit: v.unit.trim(),
    position: v.position?.trim() ?? '',
    certNumber: v.certNumber?.trim() || null,
    certValidUntil: v.certValidUntil ? v.certValidUntil.format('YYYY-MM-DD') : null,
    phone: v.phone.trim(),
  };
}

export function PersonFormModal({ person, onClose }: { person?: Person; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const save = useMutation({
    mutationFn: (v: Values) =>
      person ? api.updatePerson(person.id, toBody(v)) : api.createPerson(toBody(v)),
    onSuccess: (saved) => {
      message.success(person ? `已保存“${saved.name}”的信息` : `已新增人员“${saved.name}”`);
      qc.invalidateQueries({ queryKey: ['people'] });
      // Memberships embed the person: a changed phone or unit shows there too.
      qc.invalidateQueries({ queryKey: ['memberships'] });
      onClose();
    },
  });

  return (
    <Modal
      open
      width={560}
      title={person ? `编辑人员：${person.name}` : '新增人员'}
      okText="保存"
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
        initialValues={
          person
            ? {
                ...person,
                certNumber: person.certNumber ?? undefined,
                certValidUntil: person.certValidUntil ? dayjs(person.certValidUntil) : null,
              }
            : undefined
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          label="姓名"
          name="name"
          rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
        >
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item
          label="所属行政区划"
          name="homeDivisionCode"
          rules={[{ required: true, message: '请选择所属行政区划' }]}
          extra="本人执法证所属的地市或区县；省直单位人员选“省直单位”。"
        >
          <DivisionCascader provinceAllowed />
        </Form.Item>
        <Form.Item
          label="工作单位"
          name="unit"
          rules={[{ required: true, whitespace: true, message: '请填写工作单位' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="职务" name="position">
          <Input maxLength={64} placeholder="如：支队长、大队副队长" />
        </Form.Item>
        <Form.Item label="执法证号" name="certNumber">
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item label="执法证有效期至" name="certValidUntil">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label="手机号"
          name="phone"
          rules={[
            { required: true, message: '请填写手机号' },
            { pattern: MOBILE_RE, message: '手机号应为11位大陆手机号' },
          ]}
          extra="导入名单时按手机号识别同一人员。"
        >
          <Input maxLength={11} inputMode="numeric" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
