import { CATEGORIES, CATEGORY_CODES } from '@ancha/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';

interface Values {
  number: string;
  receivedAt: Dayjs;
  place: string;
  countyCode: string;
  content: string;
  category?: string;
}

/** 录入线索 by hand; a possible repeat is shown in the list as a merge proposal. */
export function ClueForm({
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
  const counties = useQuery({
    queryKey: keys.divisions({ level: 'county' }),
    queryFn: () => api.divisions({ level: 'county' }),
    select: (r) => r.items,
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.createClue({
        campaignId,
        number: v.number,
        receivedAt: v.receivedAt.format('YYYY-MM-DDTHH:mm:ssZ'),
        place: v.place,
        countyCode: v.countyCode,
        content: v.content,
        category: (v.category as (typeof CATEGORY_CODES)[number]) ?? null,
      }),
    onSuccess: (c) => {
      message.success(
        c.proposals.length
          ? `已录入，发现${c.proposals.length}条疑似重复，请在列表中处理`
          : `已录入，交第${c.groupNumber}组核查`,
      );
      qc.invalidateQueries({ queryKey: keys.dispatchAll });
      form.resetFields();
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      title="录入12369线索"
      open={open}
      onCancel={onClose}
      okText="保存"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ receivedAt: dayjs() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="number" label="举报编号" rules={[{ required: true, message: '请填写举报编号' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="receivedAt" label="受理时间" rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="countyCode" label="所在区县" rules={[{ required: true, message: '请选择所在区县' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={counties.isPending}
            options={(counties.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="place" label="被举报地点" rules={[{ required: true, message: '请填写被举报地点' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="content" label="举报内容" rules={[{ required: true, message: '请填写举报内容' }]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="category" label="检查类别（选填）">
          <Select
            allowClear
            options={CATEGORY_CODES.map((c) => ({ value: c, label: CATEGORIES[c].label }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
