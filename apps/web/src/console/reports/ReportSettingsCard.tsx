import { reportSettingsBody, shanghaiClock, shanghaiDate } from '@ancha/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { reportsApi } from '../../lib/reportsApi.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

type Values = { reportMailbox: string; warningTime: string; sendTime: string };
type Field = keyof Values;

/**
 * 报送设置 of a campaign, for the command group: the designated mailbox(es), the warning and
 * the sending time. Checked by core's schema before it goes (the server checks the same), with
 * the current values and who changed them last.
 */
export function ReportSettingsCard({ campaignId, extra }: { campaignId: string; extra?: ReactNode }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const key = ['report-settings', campaignId];
  const current = useQuery({ queryKey: key, queryFn: () => reportsApi.reportSettings(campaignId) });
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  useEffect(() => {
    if (!current.data) return;
    form.setFieldsValue({
      reportMailbox: current.data.reportMailbox ?? '',
      warningTime: current.data.dailyPackage.warningTime,
      sendTime: current.data.dailyPackage.sendTime,
    });
  }, [current.data, form]);
  const save = useMutation({
    mutationFn: (body: Parameters<typeof reportsApi.saveReportSettings>[1]) =>
      reportsApi.saveReportSettings(campaignId, body),
    onSuccess: (s) => {
      qc.setQueryData(key, s);
      void qc.invalidateQueries({ queryKey: ['daily-packages'] });
      message.success('报送设置已保存');
    },
  });

  function submit(v: Values) {
    const body = {
      reportMailbox: v.reportMailbox.trim() ? v.reportMailbox : null,
      dailyPackage: { warningTime: v.warningTime, sendTime: v.sendTime },
    };
    const checked = reportSettingsBody.safeParse(body);
    if (!checked.success) {
      const out: Partial<Record<Field, string>> = {};
      for (const i of checked.error.issues) {
        const f = (i.path.includes('reportMailbox') ? 'reportMailbox' : i.path.at(-1)) as Field;
        out[f] ??= i.message;
      }
      setErrors(out);
      return;
    }
    setErrors({});
    save.mutate(body);
  }

  const s = current.data;
  const help = (f: Field, fallback?: string) => errors[f] ?? fallback;
  return (
    <Card title="报送设置" extra={extra} size="small" style={{ marginBottom: 16 }} aria-label="报送设置">
      {current.error ? <ErrorAlert error={current.error} /> : null}
      {save.error ? <ErrorAlert error={save.error} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} disabled={!s} requiredMark={false}>
        <Form.Item
          name="reportMailbox"
          label="指定邮箱"
          validateStatus={errors.reportMailbox ? 'error' : undefined}
          help={help('reportMailbox', '可填多个，用逗号或分号分隔；留空则不发送邮件')}
        >
          <Input placeholder="例如 sqzxxd@163.com" autoComplete="email" style={{ maxWidth: 480 }} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item
            name="warningTime"
            label="缺项提醒时间（北京时间）"
            validateStatus={errors.warningTime ? 'error' : undefined}
            help={help('warningTime')}
          >
            <Input type="time" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item
            name="sendTime"
            label="上报截止时间（北京时间）"
            validateStatus={errors.sendTime ? 'error' : undefined}
            help={help('sendTime')}
          >
            <Input type="time" style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存报送设置
        </Button>
      </Form>
      {s && (
        <Descriptions size="small" column={1} style={{ marginTop: 16 }}>
          <Descriptions.Item label="群机器人">
            {s.webhookConfigured
              ? '已配置（服务器设置 ANCHA_WEBHOOK_URL），缺项提醒同时推送到工作群'
              : '未配置：缺项提醒只在平台和手机上显示（由系统管理员在服务器设置 ANCHA_WEBHOOK_URL）'}
          </Descriptions.Item>
          <Descriptions.Item label="最后修改">
            <Typography.Text data-testid="report-settings-last-change">
              {s.lastChange
                ? `${s.lastChange.by}，${shanghaiDate(s.lastChange.at)} ${shanghaiClock(s.lastChange.at)}`
                : '尚未修改（使用方案默认值）'}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
