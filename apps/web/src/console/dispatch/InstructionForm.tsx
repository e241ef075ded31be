import { INSTRUCTION_KINDS, type InstructionKind } from '@ancha/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { groupName, useCampaignGroups } from './common.tsx';

interface Values {
  kind: InstructionKind;
  text: string;
  allGroups: boolean;
  groupIds?: string[];
  dates: [Dayjs, Dayjs];
  countyCodes?: string[];
}

/** 下发指令: text, kind, the groups (or all), the days it runs, counties for a regional check. */
export function InstructionForm({
  campaignId,
  open,
  onClose,
}: {
  campaignId: string;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const groups = useCampaignGroups(campaignId);
  const counties = useQuery({
    queryKey: keys.divisions({ level: 'county' }),
    queryFn: () => api.divisions({ level: 'county' }),
    select: (r) => r.items,
  });
  const allGroups = Form.useWatch('allGroups', form);
  const kind = Form.useWatch('kind', form);
  const send = useMutation({
    mutationFn: (v: Values) =>
      api.issueInstruction({
        campaignId,
        kind: v.kind,
        text: v.text,
        allGroups: v.allGroups,
        groupIds: v.allGroups ? [] : (v.groupIds ?? []),
        validFrom: v.dates[0].format('YYYY-MM-DD'),
        validTo: v.dates[1].format('YYYY-MM-DD'),
        countyCodes: v.countyCodes ?? [],
      }),
    onSuccess: () => {
      message.success('指令已下发');
      qc.invalidateQueries({ queryKey: keys.dispatchAll });
      form.resetFields();
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      title="下发调度指令"
      open={open}
      onCancel={onClose}
      okText="下发"
      confirmLoading={send.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'industry', allGroups: false, dates: [dayjs(), dayjs().add(2, 'day')] }}
        onFinish={(v) => send.mutate(v)}
      >
        <Form.Item name="kind" label="指令类型" rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={Object.entries(INSTRUCTION_KINDS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item
          name="text"
          label="指令内容"
          rules={[{ required: true, message: '请填写指令内容' }, { max: 2000 }]}
        >
          <Input.TextArea
            rows={4}
            placeholder="如：明日起对辖区铸造、砖瓦窑企业开展行业暗查，重点查看错峰生产落实情况"
          />
        </Form.Item>
        <Form.Item name="allGroups" label="全部核查组" valuePropName="checked">
          <Switch />
        </Form.Item>
        {!allGroups && (
          <Form.Item
            name="groupIds"
            label="接收指令的核查组"
            rules={[{ required: true, message: '请选择接收指令的核查组' }]}
          >
            <Select
              mode="multiple"
              loading={groups.isPending}
              placeholder="选择核查组"
              optionFilterProp="label"
              options={(groups.data ?? []).map((g) => ({ value: g.id, label: groupName(g) }))}
            />
          </Form.Item>
        )}
        <Form.Item name="dates" label="有效期" rules={[{ required: true, message: '请选择有效期' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="countyCodes"
          label="区县"
          rules={
            kind === 'regional_concentrated'
              ? [{ required: true, message: '区域集中暗查须选择至少一个区县' }]
              : []
          }
        >
          <Select
            mode="multiple"
            allowClear
            loading={counties.isPending}
            placeholder="区域集中暗查的区县（其他类型可不选）"
            optionFilterProp="label"
            options={(counties.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
