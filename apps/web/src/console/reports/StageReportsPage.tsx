import {
  STAGE_SCOPE_KINDS,
  type StageReportScope,
  stageReportBody,
  stageReportScope,
  stageScopeLabel,
} from '@ancha/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Progress, Select, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { saveBlob } from '../../lib/api.ts';
import { useCities, useGroups, useRounds } from '../../lib/queries.ts';
import { reportsApi, type StageReport } from '../../lib/reportsApi.ts';
import { useCampaignParam } from '../common/CampaignSelect.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { ResponsiveTable } from '../common/ResponsiveTable.tsx';

const STATE = { queued: '排队中', running: '生成中', done: '已完成', failed: '失败' } as const;
type Kind = StageReportScope['kind'];

/**
 * 阶段性报告: command picks a date range and a scope — the whole province, a city, one or more
 * groups or a round — and the report is generated in the background with its progress.
 */
export default function StageReportsPage() {
  const { campaign, select } = useCampaignParam();
  const rounds = useRounds(campaign?.id);
  const groups = useGroups(campaign?.id);
  const cities = useCities();
  const qc = useQueryClient();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [kind, setKind] = useState<Kind>('province');
  const [cityCode, setCityCode] = useState<string>();
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [roundId, setRoundId] = useState<string>();
  const [problem, setProblem] = useState<string | null>(null);

  const names = useMemo(
    () => ({
      cities: new Map((cities.data ?? []).map((c) => [c.code, c.name])),
      groups: new Map((groups.data ?? []).map((g) => [g.id, g.number])),
      rounds: new Map((rounds.data ?? []).map((r) => [r.id, r.number])),
    }),
    [cities.data, groups.data, rounds.data],
  );
  const round = rounds.data?.find((r) => r.id === roundId);

  const list = useQuery({
    queryKey: ['stage-reports'],
    queryFn: () => reportsApi.stageReports(),
    refetchInterval: (q) =>
      q.state.data?.items.some((r) => r.state === 'queued' || r.state === 'running') ? 1500 : false,
  });
  const create = useMutation({
    mutationFn: reportsApi.requestStageReport,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['stage-reports'] }),
  });

  function submit() {
    if (!campaign) return;
    const scope =
      kind === 'cities'
        ? { kind, cityCodes: cityCode ? [cityCode] : [] }
        : kind === 'groups'
          ? { kind, groupIds }
          : kind === 'round'
            ? { kind, roundId }
            : { kind };
    // A round's report defaults to the round's own dates, the others to the campaign's.
    const span = round && kind === 'round' ? round : campaign;
    const checked = stageReportBody.safeParse({
      campaignId: campaign.id,
      from: from || span.startDate,
      to: to || span.endDate,
      scope,
    });
    if (!checked.success) {
      setProblem(checked.error.issues[0]?.message ?? '请检查所选范围');
      return;
    }
    setProblem(null);
    create.mutate(checked.data);
  }

  const scopeText = (r: StageReport) => {
    const s = stageReportScope.safeParse(r.scope);
    return s.success ? stageScopeLabel(s.data, names) : '';
  };

  return (
    <>
      <PageHeader title="阶段性报告" extra={select}>
        <Form layout="inline" style={{ marginTop: 8, rowGap: 8 }} onFinish={submit}>
          <Form.Item label="开始日期">
            <Input
              type="date"
              aria-label="开始日期"
              value={from}
              placeholder={campaign?.startDate}
              onChange={(e) => setFrom(e.target.value)}
            />
          </Form.Item>
          <Form.Item label="结束日期">
            <Input
              type="date"
              aria-label="结束日期"
              value={to}
              placeholder={campaign?.endDate}
              onChange={(e) => setTo(e.target.value)}
            />
          </Form.Item>
          <Form.Item label="范围">
            <Select<Kind>
              aria-label="报告范围"
              style={{ width: 120 }}
              value={kind}
              onChange={setKind}
              options={Object.entries(STAGE_SCOPE_KINDS).map(([value, label]) => ({
                value: value as Kind,
                label,
              }))}
            />
          </Form.Item>
          {kind === 'cities' && (
            <Form.Item label="地市">
              <Select
                aria-label="选择地市"
                style={{ width: 140 }}
                value={cityCode}
                onChange={setCityCode}
                loading={cities.isPending}
                placeholder="选择地市"
                options={(cities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
              />
            </Form.Item>
          )}
          {kind === 'groups' && (
            <Form.Item label="核查组">
              <Select
                mode="multiple"
                aria-label="选择核查组"
                style={{ minWidth: 200 }}
                value={groupIds}
                onChange={setGroupIds}
                placeholder="选择核查组"
                options={(groups.data ?? []).map((g) => ({
                  value: g.id,
                  label: `第${g.number}组（驻${g.stationedCity.name}）`,
                }))}
              />
            </Form.Item>
          )}
          {kind === 'round' && (
            <Form.Item label="轮次">
              <Select
                aria-label="选择轮次"
                style={{ width: 220 }}
                value={roundId}
                onChange={setRoundId}
                placeholder="选择轮次"
                options={(rounds.data ?? []).map((r) => ({
                  value: r.id,
                  label: `第${r.number}轮（${r.startDate} 至 ${r.endDate}）`,
                }))}
              />
            </Form.Item>
          )}
          <Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              data-primary-action
              disabled={!campaign}
              loading={create.isPending}
            >
              生成阶段性报告
            </Button>
          </Form.Item>
        </Form>
      </PageHeader>
      {problem ? <Alert type="error" showIcon message={problem} role="alert" /> : null}
      {create.error ? <ErrorAlert error={create.error} /> : null}
      <Card>
        <ResponsiveTable<StageReport>
          rowKey="id"
          label="阶段性报告"
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{
            emptyText: (
              <EmptyState
                title="还没有阶段性报告"
                next="选择日期范围和范围（全省、地市、核查组或轮次），点击“生成阶段性报告”"
              />
            ),
          }}
          columns={[
            { title: '日期', key: 'r', render: (_, r) => `${r.from} 至 ${r.to}` },
            {
              title: '范围',
              key: 's',
              render: (_, r) => <span data-testid="stage-scope">{scopeText(r)}</span>,
            },
            {
              title: '进度',
              key: 'p',
              render: (_, r) =>
                r.state === 'done' || r.state === 'failed' ? (
                  <Tag color={r.state === 'done' ? 'success' : 'error'}>{STATE[r.state]}</Tag>
                ) : (
                  <Progress percent={r.progress} size="small" aria-label="生成进度" />
                ),
            },
            {
              title: '文件',
              key: 'f',
              render: (_, r) =>
                r.state === 'done' ? (
                  <Space>
                    <Button
                      size="small"
                      onClick={async () =>
                        saveBlob(await reportsApi.stageReportDocx(r.id), r.filename ?? '阶段性报告.docx')
                      }
                    >
                      下载
                    </Button>
                  </Space>
                ) : (
                  (r.error ?? null)
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
