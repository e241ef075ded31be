import { CLUE_COLUMNS } from '@ancha/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Empty,
  List,
  Segmented,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type Clue, errorMessage, saveBlob } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { useCampaignParam } from '../common/CampaignSelect.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { ProblemLiveIndicator } from '../problems/live.tsx';
import { ClueForm } from './ClueForm.tsx';
import { EscalationTag, shortTime } from './common.tsx';
import { useDispatchLive } from './live.ts';
import { SheetImport } from './SheetImport.tsx';
import './dispatch.css';

type State = 'open' | 'overdue' | 'finished' | 'merged' | 'all';
const RESULT_COLORS: Record<string, string> = { true: 'red', partly_true: 'orange', false: 'green' };

/** 12369线索: enter or import, decide on proposed repeats, follow limits and results, export the reply. */
export default function CluesPage() {
  const { campaign, select } = useCampaignParam();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const live = useDispatchLive();
  const [state, setState] = useState<State>('open');
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: keys.dispatch('clues', { campaignId: campaign?.id, state }),
    queryFn: () => api.clues({ campaignId: campaign!.id, state: state === 'all' ? undefined : state }),
    enabled: !!campaign,
  });
  const hotspots = useQuery({
    queryKey: keys.dispatch('hotspots', { campaignId: campaign?.id }),
    queryFn: () => api.hotspots(campaign!.id),
    enabled: !!campaign,
  });
  const merge = useMutation({
    mutationFn: (v: { id: string; kind: 'clue' | 'site'; target: string }) =>
      api.mergeClue(v.id, v.kind === 'clue' ? { intoClueId: v.target } : { siteId: v.target }),
    onSuccess: () => {
      message.success('已合并');
      qc.invalidateQueries({ queryKey: keys.dispatchAll });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const rows = list.data?.items ?? [];
  const columns: TableColumnsType<Clue> = [
    {
      key: 'number',
      title: '编号 / 受理',
      width: 150,
      render: (_, c) => (
        <>
          <div className="num">{c.number}</div>
          <div className="muted">{shortTime(c.receivedAt)}</div>
        </>
      ),
    },
    {
      key: 'place',
      title: '被举报地点 / 内容',
      render: (_, c) => (
        <div style={{ minWidth: 220 }}>
          <div>
            {c.countyName} · {c.place}
          </div>
          <Typography.Paragraph
            ellipsis={{ rows: 2, tooltip: c.content }}
            style={{ margin: 0 }}
            type="secondary"
          >
            {c.content}
          </Typography.Paragraph>
          {c.proposals.map((p) => (
            <Space key={p.id} wrap style={{ marginTop: 4 }}>
              <Tag color="gold">疑似重复：{p.reason}</Tag>
              <Button size="small" onClick={() => merge.mutate({ id: c.id, kind: p.kind, target: p.id })}>
                {p.kind === 'clue' ? `并入 ${p.label}` : `关联点位 ${p.label}`}
              </Button>
            </Space>
          ))}
        </div>
      ),
    },
    {
      key: 'group',
      title: '承办',
      width: 80,
      render: (_, c) => (c.groupNumber ? `第${c.groupNumber}组` : '—'),
    },
    {
      key: 'limits',
      title: '时限',
      width: 170,
      render: (_, c) => (
        <>
          <div className="muted">签收 {c.startDueDate} 前</div>
          <div className="muted">办结 {c.finishDueDate} 前</div>
          {c.state === 'finished' ? null : <EscalationTag level={c.escalation} />}
        </>
      ),
    },
    {
      key: 'state',
      title: '办理情况',
      width: 220,
      render: (_, c) => (
        <>
          <Tag color={c.overdue ? 'red' : c.state === 'finished' ? 'green' : 'blue'}>{c.stateLabel}</Tag>
          {c.result ? (
            <Link to={`/inspections/${c.inspectionId}`}>
              <Tag color={RESULT_COLORS[c.result]}>{c.resultLabel}</Tag>
            </Link>
          ) : null}
          {c.feedback ? (
            <Typography.Paragraph ellipsis={{ rows: 2, tooltip: c.feedback }} style={{ margin: 0 }}>
              {c.feedback}
            </Typography.Paragraph>
          ) : null}
        </>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title="12369线索"
        extra={
          <>
            <ProblemLiveIndicator status={live} />
            {select}
            <Button
              disabled={!campaign}
              onClick={() =>
                api.clueReply(campaign!.id).then((b) => saveBlob(b, '12369线索办理情况反馈表.xlsx'))
              }
            >
              导出反馈表
            </Button>
            <Button type="primary" disabled={!campaign} onClick={() => setOpen(true)}>
              录入线索
            </Button>
          </>
        }
      />
      <Card size="small" title="导入线索" style={{ marginBottom: 12 }}>
        {campaign ? (
          <SheetImport
            campaignId={campaign.id}
            template={api.clueTemplate}
            templateName="12369线索导入模板.xlsx"
            upload={(city, file) => api.importClues(campaign.id, city, file)}
            columns={CLUE_COLUMNS}
            onDone={(r) => {
              message.success(
                `已导入${r.imported}条线索${r.withProposals ? `，其中${r.withProposals}条疑似重复待处理` : ''}`,
              );
              qc.invalidateQueries({ queryKey: keys.dispatchAll });
            }}
          />
        ) : null}
      </Card>
      {(hotspots.data?.items.length ?? 0) > 0 && (
        <Card size="small" title="重复举报热点" style={{ marginBottom: 12 }}>
          <List
            size="small"
            dataSource={hotspots.data!.items}
            renderItem={(h) => (
              <List.Item>
                <Space wrap>
                  <Tag color="red">{h.count}次</Tag>
                  {h.countyName} · {h.place}
                  <span className="muted">
                    {h.numbers.join('、')}（{shortTime(h.firstReceivedAt)} 至 {shortTime(h.lastReceivedAt)}）
                  </span>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card
        size="small"
        title="线索"
        extra={
          <Segmented<State>
            value={state}
            onChange={setState}
            options={[
              { value: 'open', label: '办理中' },
              { value: 'overdue', label: '已超期' },
              { value: 'finished', label: '已办结' },
              { value: 'merged', label: '已合并' },
              { value: 'all', label: '全部' },
            ]}
          />
        }
      >
        <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
        <Table<Clue>
          rowKey="id"
          size="small"
          loading={list.isPending && !!campaign}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 860 }}
          rowClassName={(c) => (c.overdue ? 'dispatch-overdue' : '')}
          pagination={rows.length > 50 ? { pageSize: 50 } : false}
          locale={{
            emptyText: <Empty description="没有符合条件的线索。点击“录入线索”或下载模板批量导入。" />,
          }}
        />
      </Card>
      <ClueForm campaignId={campaign?.id ?? ''} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
