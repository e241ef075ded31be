import {
  ALERT_AREA_KINDS,
  ALERT_LEVEL_LABELS,
  ALERT_LEVELS,
  type AlertAreaKind,
  type AlertLevel,
} from '@ancha/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Radio, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorMessage, type PollutionAlert } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { useCampaignParam } from '../common/CampaignSelect.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { type ResponsiveColumn, ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { ProblemLiveIndicator } from '../problems/live.tsx';
import { shortTime, useCampaignGroups } from './common.tsx';
import { useDispatchLive } from './live.ts';

const LEVEL_COLORS: Record<AlertLevel, string> = {
  blue: 'blue',
  yellow: 'gold',
  orange: 'orange',
  red: 'red',
};

interface Values {
  level: AlertLevel;
  areaKind: AlertAreaKind;
  areaCodes?: string[];
  window: [Dayjs, Dayjs];
  note?: string;
}

function AlertForm({
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
  const kind = Form.useWatch('areaKind', form);
  const groups = useCampaignGroups(campaignId);
  const counties = useQuery({
    queryKey: keys.divisions({ level: 'county' }),
    queryFn: () => api.divisions({ level: 'county' }),
    select: (r) => r.items,
    enabled: kind === 'counties',
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.issueAlert({
        campaignId,
        level: v.level,
        areaKind: v.areaKind,
        areaCodes: v.areaKind === 'province' ? [] : (v.areaCodes ?? []),
        startsAt: v.window[0].format('YYYY-MM-DDTHH:mm:ssZ'),
        endsAt: v.window[1].format('YYYY-MM-DDTHH:mm:ssZ'),
        note: v.note ?? '',
      }),
    onSuccess: () => {
      message.success('预警已发布');
      qc.invalidateQueries({ queryKey: keys.dispatchAll });
      form.resetFields();
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const cityOptions = (groups.data ?? []).map((g) => ({
    value: g.stationedCity.code,
    label: g.stationedCity.name,
  }));
  return (
    <Modal
      title="发布污染天气预警"
      open={open}
      onCancel={onClose}
      okText="发布"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          level: 'orange',
          areaKind: 'cities',
          window: [dayjs().startOf('hour'), dayjs().startOf('hour').add(3, 'day')],
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="level" label="预警级别">
          <Radio.Group
            optionType="button"
            options={ALERT_LEVELS.map((l) => ({ value: l, label: ALERT_LEVEL_LABELS[l] }))}
          />
        </Form.Item>
        <Form.Item name="areaKind" label="范围">
          <Radio.Group
            optionType="button"
            options={Object.entries(ALERT_AREA_KINDS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        {kind !== 'province' && (
          <Form.Item
            name="areaCodes"
            label={kind === 'cities' ? '地市' : '区县'}
            rules={[{ required: true, message: '请选择预警地区' }]}
          >
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={
                kind === 'cities'
                  ? cityOptions
                  : (counties.data ?? []).map((d) => ({ value: d.code, label: d.name }))
              }
            />
          </Form.Item>
        )}
        <Form.Item name="window" label="起止时间" rules={[{ required: true }]}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder="如：启动重污染天气橙色预警，执行Ⅱ级应急减排措施"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 预警: alerts in force first; while one covers a place, inspections there check emergency controls first. */
export default function AlertsPage() {
  const { campaign, select } = useCampaignParam();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const live = useDispatchLive();
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: keys.dispatch('alerts', { campaignId: campaign?.id }),
    queryFn: () => api.alerts({ campaignId: campaign!.id }),
    enabled: !!campaign,
  });
  const end = useMutation({
    mutationFn: api.endAlert,
    onSuccess: () => {
      message.success('预警已解除');
      qc.invalidateQueries({ queryKey: keys.dispatchAll });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const rows = [...(list.data?.items ?? [])].sort((a, b) => Number(b.active) - Number(a.active));
  const columns: ResponsiveColumn<PollutionAlert>[] = [
    {
      key: 'level',
      title: '级别',
      width: 150,
      render: (_, a) => (
        <>
          <Tag color={LEVEL_COLORS[a.level]}>{a.levelLabel}</Tag>
          {a.active ? <Tag color="green">生效中</Tag> : <Tag>已结束</Tag>}
        </>
      ),
    },
    {
      key: 'area',
      title: '范围',
      render: (_, a) => <div style={{ minWidth: 140 }}>{a.areaNames.join('、')}</div>,
    },
    {
      key: 'window',
      title: '起止',
      width: 200,
      render: (_, a) => `${shortTime(a.startsAt)} 至 ${shortTime(a.endsAt)}`,
    },
    {
      key: 'count',
      title: '期间检查（应急管控）',
      width: 150,
      render: (_, a) => `${a.inspections}（${a.emergencyInspections}）`,
    },
    { key: 'note', title: '说明', render: (_, a) => a.note || '—' },
    {
      key: 'end',
      card: 'actions',
      title: '',
      width: 90,
      render: (_, a) =>
        a.active ? (
          <Button size="small" danger onClick={() => end.mutate(a.id)}>
            解除
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader
        title="污染天气预警"
        extra={
          <>
            <ProblemLiveIndicator status={live} />
            {select}
            <Button type="primary" disabled={!campaign} onClick={() => setOpen(true)}>
              发布预警
            </Button>
          </>
        }
      />
      <Card size="small">
        <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
        <ResponsiveTable<PollutionAlert>
          rowKey="id"
          size="small"
          loading={list.isPending && !!campaign}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 820 }}
          pagination={rows.length > 30 ? { pageSize: 30 } : false}
          locale={{
            emptyText: (
              <Empty description="暂无预警。发布预警后，预警范围内的手机端将优先提示应急管控检查。" />
            ),
          }}
        />
      </Card>
      <AlertForm campaignId={campaign?.id ?? ''} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
