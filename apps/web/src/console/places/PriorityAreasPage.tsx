import { can } from '@ancha/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Input,
  InputNumber,
  Select,
  Table,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../lib/api.ts';
import { type PriorityArea, type PriorityProposal, placesApi } from '../../lib/placesApi.ts';
import { useUser } from '../auth.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { fmtTime } from '../fieldwork/labels.ts';
import { SheetImport } from './SheetImport.tsx';

type Proposed = PriorityProposal['proposals'][number];

/**
 * 重点区域: the counties sent concentrated checks (检查内容 1). Command imports the county PM2.5
 * ranking, takes core's proposal of the worst-ranked counties, edits it and confirms; the
 * groups see their city's counties here, on the situation map and on their phones.
 */
export default function PriorityAreasPage() {
  const user = useUser();
  const manage = can(user.roles, 'priority.manage');
  const areas = useQuery({ queryKey: ['priority-areas'], queryFn: () => placesApi.priorityAreas() });
  return (
    <>
      <PageHeader title="重点区域" />
      <ErrorAlert error={areas.error} onRetry={() => areas.refetch()} />
      <Card size="small" title="现行重点区域（集中暗查）" style={{ marginBottom: 12 }}>
        {areas.isPending ? (
          <Loading />
        ) : (
          <Table<PriorityArea>
            rowKey="id"
            size="small"
            dataSource={areas.data?.items ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <Empty
                  description={
                    manage
                      ? '尚未确定重点区域：导入区县PM2.5排名，按推荐确认集中暗查区县。'
                      : '省厅尚未确定本市的重点区域。'
                  }
                />
              ),
            }}
            columns={[
              { title: '城市', dataIndex: 'cityName', width: 90 },
              { title: '区县', dataIndex: 'countyName' },
              { title: '统计期', dataIndex: 'period' },
              { title: 'PM2.5（μg/m³）', dataIndex: 'pm25', render: (v: number | null) => v ?? '—' },
              {
                title: '倒数排名',
                dataIndex: 'rankFromWorst',
                render: (r: number | null) => (r ? `倒数第${r}` : '—'),
              },
              { title: '说明', dataIndex: 'note', render: (n: string | null) => n ?? '' },
              { title: '确定时间', dataIndex: 'confirmedAt', render: (t: string) => fmtTime(t) },
            ]}
          />
        )}
      </Card>
      {manage ? <ProposalCard /> : null}
    </>
  );
}

function ProposalCard() {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const periods = useQuery({ queryKey: ['pm25-periods'], queryFn: placesApi.pm25Periods });
  const [period, setPeriod] = useState<string | undefined>();
  const [count, setCount] = useState<number>(10);
  const [picked, setPicked] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const chosen = period ?? periods.data?.items[0]?.period;
  const proposal = useQuery({
    queryKey: ['priority-proposal', chosen, count],
    queryFn: () => placesApi.priorityProposal({ period: chosen!, count }),
    enabled: !!chosen,
  });
  useEffect(() => {
    if (proposal.data) setPicked(proposal.data.proposals.map((p) => p.countyCode));
  }, [proposal.data]);
  const confirm = useMutation({
    mutationFn: () =>
      placesApi.confirmPriorityAreas({ period: chosen!, countyCodes: picked, note: note || undefined }),
    onSuccess: (r) => {
      message.success(`已确定 ${r.items.length} 个重点区域，核查组手机刷新后可见`);
      qc.invalidateQueries({ queryKey: ['priority-areas'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Card size="small" title="按PM2.5排名推荐">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 12 }}>
        <SheetImport
          what="PM2.5排名"
          templateName="区县PM2.5排名模板.xlsx"
          template={placesApi.pm25Template}
          upload={placesApi.importPm25}
          onDone={(r) => {
            message.success(
              `已导入：${r.periods.map((p) => `${p.period}（${p.counties}个区县）`).join('、')}`,
            );
            qc.invalidateQueries({ queryKey: ['pm25-periods'] });
            qc.invalidateQueries({ queryKey: ['priority-proposal'] });
            setPeriod(r.periods[0]?.period);
          }}
        />
        <Select
          aria-label="统计期"
          placeholder="统计期"
          style={{ minWidth: 180 }}
          value={chosen}
          onChange={setPeriod}
          options={(periods.data?.items ?? []).map((p) => ({
            value: p.period,
            label: `${p.period}（${p.counties}）`,
          }))}
        />
        <span>
          推荐
          <InputNumber
            aria-label="推荐区县数"
            min={1}
            max={200}
            value={count}
            onChange={(v) => v && setCount(v)}
            style={{ width: 72, margin: '0 6px' }}
          />
          个排名靠后的区县
        </span>
      </div>
      <ErrorAlert error={proposal.error ?? periods.error} />
      {!chosen ? (
        <Empty description="还没有PM2.5排名：下载模板，填写各区县的PM2.5浓度后导入。" />
      ) : (
        <>
          {proposal.data?.tieNote ? (
            <Alert type="info" showIcon title={proposal.data.tieNote} style={{ marginBottom: 8 }} />
          ) : null}
          {/* Scrolls in its own box (its checkboxes are its tab stops): antd's scroll.x adds a hidden measuring row that copies the
              select-all checkbox, a focusable control under aria-hidden (axe: aria-hidden-focus). */}
          <section style={{ overflowX: 'auto' }} aria-label="推荐区县">
            <Table<Proposed>
              rowKey="countyCode"
              size="small"
              loading={proposal.isPending}
              dataSource={proposal.data?.proposals ?? []}
              rowSelection={{ selectedRowKeys: picked, onChange: (k) => setPicked(k as string[]) }}
              pagination={false}
              columns={[
                {
                  title: '倒数排名',
                  dataIndex: 'rankFromWorst',
                  width: 90,
                  render: (r: number) => `倒数第${r}`,
                },
                { title: '城市', dataIndex: 'cityName', width: 90 },
                { title: '区县', dataIndex: 'countyName' },
                { title: 'PM2.5（μg/m³）', dataIndex: 'pm25' },
                {
                  title: '',
                  dataIndex: 'tiedAtCutoff',
                  render: (t: boolean) =>
                    t ? <Typography.Text type="secondary">并列增补</Typography.Text> : null,
                },
              ]}
            />
          </section>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 12 }}>
            <Input
              aria-label="说明"
              placeholder="说明（可选），如“11月上旬集中暗查”"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              style={{ maxWidth: 360 }}
            />
            <Button
              type="primary"
              disabled={picked.length === 0}
              loading={confirm.isPending}
              onClick={() => confirm.mutate()}
            >
              确定为重点区域（{picked.length}）
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12, alignSelf: 'center' }}>
              确定后替换现行重点区域。
            </Typography.Text>
          </div>
        </>
      )}
    </Card>
  );
}
