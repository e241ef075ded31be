import { CHECKLIST_COLUMNS } from '@ancha/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, Empty, Segmented, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type ChecklistItem } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { useCampaignParam } from '../common/CampaignSelect.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { ProblemLiveIndicator } from '../problems/live.tsx';
import { EscalationTag } from './common.tsx';
import { useDispatchLive } from './live.ts';
import { SheetImport } from './SheetImport.tsx';
import './dispatch.css';

type State = 'open' | 'overdue' | 'closed' | 'all';

/** 推送清单: import a city's checklist for its stationed group; follow every item to its result. */
export default function ChecklistsPage() {
  const { campaign, select } = useCampaignParam();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const live = useDispatchLive();
  const [state, setState] = useState<State>('open');
  const list = useQuery({
    queryKey: keys.dispatch('checklists', { campaignId: campaign?.id, state }),
    queryFn: () =>
      api.checklistItems({ campaignId: campaign!.id, state: state === 'all' ? undefined : state }),
    enabled: !!campaign,
  });
  const rows = list.data?.items ?? [];
  const columns: TableColumnsType<ChecklistItem> = [
    {
      key: 'group',
      title: '核查组',
      width: 80,
      render: (_, i) => (i.groupNumber ? `第${i.groupNumber}组` : '—'),
    },
    {
      key: 'site',
      title: '点位 / 地址',
      render: (_, i) => (
        <div style={{ minWidth: 180 }}>
          <div>{i.siteName ?? i.address}</div>
          <div className="muted">
            {i.countyName}
            {i.siteName && i.address ? ` · ${i.address}` : ''}
          </div>
        </div>
      ),
    },
    { key: 'reason', title: '核查事由', render: (_, i) => <div style={{ minWidth: 160 }}>{i.reason}</div> },
    { key: 'source', title: '来源', width: 90, dataIndex: 'source' },
    {
      key: 'due',
      title: '完成时限',
      width: 150,
      render: (_, i) => (
        <>
          <span className="num">{i.dueDate}</span>{' '}
          {i.closedAt ? null : <EscalationTag level={i.escalation} />}
        </>
      ),
    },
    {
      key: 'result',
      title: '核查结果',
      width: 120,
      render: (_, i) =>
        i.result ? (
          <Link to={`/inspections/${i.inspectionId}`}>
            <Tag color={i.result === 'problem_found' ? 'volcano' : 'green'}>{i.resultLabel}</Tag>
          </Link>
        ) : (
          <Tag>待核查</Tag>
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title="省厅推送清单"
        extra={
          <>
            <ProblemLiveIndicator status={live} />
            {select}
          </>
        }
      />
      <Card size="small" title="导入清单" style={{ marginBottom: 12 }}>
        {campaign ? (
          <SheetImport
            campaignId={campaign.id}
            template={api.checklistTemplate}
            templateName="省厅推送清单模板.xlsx"
            upload={(city, file) => api.importChecklist(campaign.id, city, file)}
            columns={CHECKLIST_COLUMNS}
            onDone={(r) => {
              message.success(`已导入${r.imported}项，交第${r.groupNumber}组逐一核查`);
              qc.invalidateQueries({ queryKey: keys.dispatchAll });
            }}
          />
        ) : null}
      </Card>
      <Card
        size="small"
        title="清单事项"
        extra={
          <Segmented<State>
            value={state}
            onChange={setState}
            options={[
              { value: 'open', label: '待核查' },
              { value: 'overdue', label: '已超期' },
              { value: 'closed', label: '已办结' },
              { value: 'all', label: '全部' },
            ]}
          />
        }
      >
        <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
        <Table<ChecklistItem>
          rowKey="id"
          size="small"
          loading={list.isPending && !!campaign}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 820 }}
          rowClassName={(i) => (i.overdue ? 'dispatch-overdue' : '')}
          pagination={rows.length > 50 ? { pageSize: 50 } : false}
          locale={{
            emptyText: <Empty description="没有符合条件的清单事项。下载模板填写后，选择地市并导入。" />,
          }}
        />
      </Card>
    </>
  );
}
