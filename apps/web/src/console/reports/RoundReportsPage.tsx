import { can, ROUND_REPORT_STATES } from '@ancha/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { saveBlob } from '../../lib/api.ts';
import { useCampaigns, useRounds } from '../../lib/queries.ts';
import { type RoundReport, reportsApi } from '../../lib/reportsApi.ts';
import { useUser } from '../auth.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';

const COLOR = {
  not_started: 'default',
  draft: 'processing',
  signed: 'blue',
  submitted: 'success',
  submitted_late: 'warning',
} as const;

function LeaderEditor({ report }: { report: RoundReport }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [text, setText] = useState(report.recommendations);
  const [confirm, setConfirm] = useState(false);
  const [checked, setChecked] = useState(false);
  useEffect(() => setText(report.recommendations), [report.recommendations]);
  const refresh = () => qc.invalidateQueries({ queryKey: ['round-reports'] });
  const save = useMutation({
    mutationFn: () =>
      reportsApi.saveRoundReport({ roundId: report.roundId, groupId: report.groupId, recommendations: text }),
    onSuccess: () => {
      message.success(report.signedAt ? '已生成更正版本' : '已保存');
      void refresh();
    },
  });
  const sign = useMutation({
    mutationFn: () => reportsApi.signRoundReport(report.id!, report.contentHash),
    onSuccess: () => {
      setConfirm(false);
      message.success('已签字并上报省厅');
      void refresh();
    },
  });
  const signed = !!report.signedAt;
  const dirty = text !== report.recommendations;
  return (
    <Card
      title={`第${report.groupNumber}组（${report.stationedCity}暗访核查组）第${report.roundNumber}轮报告`}
    >
      <Typography.Title level={5}>一、工作整体开展情况</Typography.Title>
      <Typography.Paragraph data-testid="overview">{report.sections.overview}</Typography.Paragraph>
      <Typography.Title level={5}>二、发现问题（分类表述）</Typography.Title>
      <Typography.Paragraph>{report.sections.prominent}</Typography.Paragraph>
      {report.sections.categories.map((c) => (
        <Typography.Paragraph key={c}>{c}</Typography.Paragraph>
      ))}
      <Typography.Title level={5}>三、工作建议</Typography.Title>
      <Input.TextArea
        aria-label="工作建议"
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 4 }}
      />
      {save.error ? <ErrorAlert error={save.error} /> : null}
      <Space style={{ marginTop: 12 }} wrap>
        <Button onClick={() => save.mutate()} disabled={!dirty || !text.trim()} loading={save.isPending}>
          {signed ? '保存为更正版本' : '保存'}
        </Button>
        <Button
          type="primary"
          disabled={signed || dirty || !report.id || !report.recommendations.trim()}
          onClick={() => setConfirm(true)}
        >
          签字并上报
        </Button>
      </Space>
      <Modal
        open={confirm}
        title="组长签字"
        okText="确认签字并上报"
        okButtonProps={{ disabled: !checked, loading: sign.isPending }}
        onOk={() => sign.mutate()}
        onCancel={() => setConfirm(false)}
      >
        <Typography.Paragraph>
          签字后报告原件存档，不再随数据变化；如需更正，将生成新版本。
        </Typography.Paragraph>
        <Checkbox checked={checked} onChange={(e) => setChecked(e.target.checked)}>
          本人已审阅报告内容，确认签字
        </Checkbox>
        {sign.error ? <ErrorAlert error={sign.error} /> : null}
      </Modal>
    </Card>
  );
}

/** 暗访核查报告（附件4）: each group's round report, drafted from the data, signed by its leader. */
export default function RoundReportsPage() {
  const roles = useUser().roles;
  const campaigns = useCampaigns();
  const campaignId = campaigns.data?.[0]?.id;
  const rounds = useRounds(campaignId);
  const [roundId, setRoundId] = useState<string>();
  const round = roundId ?? rounds.data?.[0]?.id;
  const list = useQuery({
    queryKey: ['round-reports', round],
    queryFn: () => reportsApi.roundReports(round!),
    enabled: !!round,
  });
  const items = list.data?.items ?? [];
  const leaderGroups = roles.filter((r) => r.role === 'leader').map((r) => r.groupId);
  const mine = items.find((r) => leaderGroups.includes(r.groupId));
  return (
    <>
      <PageHeader
        title="暗访核查报告"
        extra={
          <Select
            aria-label="选择轮次"
            style={{ width: 200 }}
            value={round}
            onChange={setRoundId}
            options={(rounds.data ?? []).map((r) => ({
              value: r.id,
              label: `第${r.number}轮（${r.startDate}至${r.endDate}）`,
            }))}
          />
        }
      />
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {mine && can(roles, 'reports.sign') ? <LeaderEditor report={mine} /> : null}
      <Card title="各组报告状态" style={{ marginTop: 16 }}>
        <Table
          rowKey="groupId"
          dataSource={items}
          loading={list.isLoading}
          pagination={false}
          scroll={{ x: 760 }}
          locale={{ emptyText: <Empty description="请选择轮次；轮次结束后3个工作日内由组长签字上报" /> }}
          columns={[
            { title: '核查组', key: 'g', render: (_, r) => `第${r.groupNumber}组（${r.stationedCity}）` },
            {
              title: '状态',
              key: 's',
              render: (_, r) => (
                <Tag
                  color={r.overdue ? 'error' : COLOR[r.state]}
                  data-testid={`report-state-${r.groupNumber}`}
                >
                  {ROUND_REPORT_STATES[r.state]}
                </Tag>
              ),
            },
            { title: '说明', dataIndex: 'text', key: 't' },
            { title: '上报期限', dataIndex: 'reportDueDate', key: 'd', width: 120 },
            {
              title: '文件',
              key: 'f',
              width: 120,
              render: (_, r) =>
                r.id ? (
                  <Button
                    size="small"
                    onClick={async () =>
                      saveBlob(
                        await reportsApi.roundReportDocx(r.id!),
                        `第${r.roundNumber}轮暗访核查报告_${r.stationedCity}.docx`,
                      )
                    }
                  >
                    下载
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      {items.length > 0 && !mine && !items.some((r) => r.id) ? (
        <Alert style={{ marginTop: 16 }} type="info" showIcon title="各组组长尚未起草本轮报告" />
      ) : null}
      {mine ? (
        <Descriptions size="small" style={{ marginTop: 16 }} column={1}>
          <Descriptions.Item label="签字">
            {mine.signedByName ? `${mine.signedByName}（${mine.signedAt}）` : '未签字'}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
    </>
  );
}
