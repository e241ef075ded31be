import {
  cityOf,
  NOMINATED_ROLE_LABELS,
  NOMINATED_ROLES,
  type NominationBody,
  nominationBody,
  POSITION_CATEGORIES,
  POSITION_CATEGORY_LABELS,
  type PositionCategory,
  parsePositionCategory,
} from '@ancha/core';
import { useMutation } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { errorMessage } from '../../lib/api.ts';
import { type Nomination, staffingApi } from '../../lib/staffingApi.ts';
import { DivisionCascader } from '../common/DivisionCascader.tsx';

interface Values {
  name?: string;
  homeDivisionCode?: string;
  unit?: string;
  position?: string;
  positionCategory?: PositionCategory;
  certNumber?: string;
  certIssuer?: string;
  certIssuerDivisionCode?: string;
  certValidity?: [Dayjs | null, Dayjs | null] | null;
  phone?: string;
  nominatedRole?: NominationBody['nominatedRole'];
}

const blankToNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);

function toBody(roundId: string, v: Values) {
  return {
    roundId,
    name: v.name ?? '',
    homeDivisionCode: v.homeDivisionCode ?? '',
    unit: v.unit ?? '',
    position: v.position ?? '',
    positionCategory: v.positionCategory,
    certNumber: blankToNull(v.certNumber),
    certIssuer: blankToNull(v.certIssuer),
    certIssuerDivisionCode: v.certIssuerDivisionCode ?? null,
    certValidFrom: v.certValidity?.[0]?.format('YYYY-MM-DD') ?? null,
    certValidUntil: v.certValidity?.[1]?.format('YYYY-MM-DD') ?? null,
    phone: v.phone ?? '',
    nominatedRole: v.nominatedRole,
  };
}

// Core's field names → the form's (the certificate's two dates share one picker).
const FIELD_OF: Record<string, keyof Values> = {
  certValidFrom: 'certValidity',
  certValidUntil: 'certValidity',
};

/**
 * One nominee, checked by core's schema before it leaves the browser (the server checks again
 * and answers with the qualification result). A dispatcher's division defaults to its own city.
 */
export function NominationFormModal({
  roundId,
  roundNumber,
  ownCity,
  onDone,
  onClose,
}: {
  roundId: string;
  roundNumber: number;
  ownCity?: string;
  onDone: (n: Nomination) => void;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const save = useMutation({ mutationFn: staffingApi.nominate, onSuccess: onDone });

  function submit(v: Values) {
    const parsed = nominationBody.safeParse(toBody(roundId, v));
    if (!parsed.success) {
      const byField = new Map<keyof Values, string[]>();
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]);
        const field = FIELD_OF[key] ?? (key as keyof Values);
        byField.set(field, [...(byField.get(field) ?? []), issue.message]);
      }
      form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
      return;
    }
    if (ownCity && cityOf(parsed.data.homeDivisionCode) !== ownCity) {
      form.setFields([{ name: 'homeDivisionCode', errors: ['只能提名本市人员'] }]);
      return;
    }
    save.mutate(parsed.data);
  }

  return (
    <Modal
      open
      width={620}
      title={`提名第${roundNumber}轮抽调人员`}
      okText="提名"
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
        initialValues={{ nominatedRole: 'member', homeDivisionCode: ownCity }}
        onFinish={submit}
        onValuesChange={(changed, all) => {
          // The category follows the position's words until the user picks one by hand.
          if (('position' in changed || 'unit' in changed) && !form.isFieldTouched('positionCategory')) {
            const guess = parsePositionCategory(all.position ?? '', all.unit ?? '');
            if (guess) form.setFieldValue('positionCategory', guess);
          }
        }}
      >
        <Form.Item label="姓名" name="name" required>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item label="手机号" name="phone" required extra="开通账号后作为登录用户名">
          <Input maxLength={11} inputMode="numeric" />
        </Form.Item>
        <Form.Item
          label="所属地区"
          name="homeDivisionCode"
          rules={[{ required: true, message: '请选择所属地区（区县）' }]}
        >
          <DivisionCascader />
        </Form.Item>
        <Form.Item label="工作单位" name="unit" required>
          <Input maxLength={100} placeholder="如：郑州市生态环境综合行政执法支队" />
        </Form.Item>
        <Form.Item label="职务" name="position">
          <Input maxLength={64} placeholder="如：二大队副中队长" />
        </Form.Item>
        <Form.Item label="职务类别" name="positionCategory" required extra="资格审核按职务类别判断">
          <Select
            options={POSITION_CATEGORIES.map((c) => ({ value: c, label: POSITION_CATEGORY_LABELS[c] }))}
          />
        </Form.Item>
        <Form.Item label="提名为" name="nominatedRole" required>
          <Radio.Group
            options={NOMINATED_ROLES.map((r) => ({ value: r, label: NOMINATED_ROLE_LABELS[r] }))}
          />
        </Form.Item>
        <Form.Item label="执法证号" name="certNumber">
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item label="发证机关" name="certIssuer">
          <Input maxLength={64} placeholder="如：河南省人民政府" />
        </Form.Item>
        <Form.Item
          label="发证机关所在地区"
          name="certIssuerDivisionCode"
          extra="须为本人所在地（属地执法证）"
        >
          <DivisionCascader provinceAllowed />
        </Form.Item>
        <Form.Item label="执法证有效期" name="certValidity">
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            placeholder={['起', '至']}
            allowEmpty={[true, true]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
