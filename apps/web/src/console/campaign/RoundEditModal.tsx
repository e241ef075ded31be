import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage, type Round } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';

interface Values {
  start: Dayjs;
  end: Dayjs;
  reason?: string;
}

const FMT = 'YYYY-MM-DD';

export function RoundEditModal({ round, onClose }: { round: Round; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.updateRound(round.id, {
        startDate: v.start.format(FMT),
        endDate: v.end.format(FMT),
        reason: v.reason?.trim() || undefined,
      }),
    onSuccess: (saved) => {
      message.success(`第${saved.number}轮日期已调整，报告截止日为 ${saved.reportDueDate}`);
      // Moving the first or last round also moves the campaign's span.
      qc.invalidateQueries({ queryKey: keys.rounds(round.campaignId) });
      qc.invalidateQueries({ queryKey: keys.campaigns, exact: true });
      onClose();
    },
  });

  return (
    <Modal
      open
      title={`调整第${round.number}轮日期`}
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
        initialValues={{ start: dayjs(round.startDate), end: dayjs(round.endDate) }}
        onFinish={(v) => save.mutate(v)}
      >
        {/* Two single pickers rather than a range picker: the range popup does not fit a phone. */}
        <Form.Item label="开始日期" name="start" rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
        <Form.Item
          label="结束日期"
          name="end"
          dependencies={['start']}
          rules={[
            { required: true, message: '请选择结束日期' },
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | undefined) =>
                v && getFieldValue('start') && v.isBefore(getFieldValue('start'), 'day')
                  ? Promise.reject(new Error('结束日期不能早于开始日期'))
                  : Promise.resolve(),
            }),
          ]}
          extra="报告截止日将按新的结束日期重新计算。"
        >
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
        <Form.Item label="调整原因" name="reason" extra="记入操作日志，便于事后查证。">
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：根据省厅通知顺延" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
