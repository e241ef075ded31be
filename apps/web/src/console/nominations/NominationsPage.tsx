import { cityOf, NOMINATED_ROLE_LABELS, NOMINATION_STATE_LABELS, shanghaiDate } from '@ancha/core';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useRounds } from '../../lib/queries.ts';
import { type Nomination, staffingApi } from '../../lib/staffingApi.ts';
import { useUser } from '../auth.tsx';
import { useCampaignParam } from '../common/CampaignSelect.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { type ResponsiveColumn, ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { NominationFormModal } from './NominationFormModal.tsx';
import { NominationImport } from './NominationImport.tsx';

const failed = (n: Nomination) =>
  n.checks
    .filter((c) => !c.ok)
    .map((c) => c.message)
    .join('；');

const COLUMNS: ResponsiveColumn<Nomination>[] = [
  { key: 'name', title: '姓名', dataIndex: 'name', card: 'title' },
  { key: 'city', title: '派员地市', render: (_, n) => n.city.name },
  {
    key: 'unit',
    title: '单位 / 职务',
    render: (_, n) => (
      <div style={{ minWidth: 160 }}>
        {n.unit}
        {n.position ? <div className="muted">{n.position}</div> : null}
      </div>
    ),
  },
  {
    key: 'cert',
    title: '执法证',
    render: (_, n) =>
      n.certNumber ? (
        <div style={{ minWidth: 140 }}>
          {n.certNumber}
          <div className="muted">
            {n.certIssuer ?? '—'} · {n.certValidFrom ?? '?'} 至 {n.certValidUntil ?? '?'}
          </div>
        </div>
      ) : (
        '未填写'
      ),
  },
  { key: 'phone', title: '手机号', dataIndex: 'phone' },
  { key: 'role', title: '提名为', render: (_, n) => NOMINATED_ROLE_LABELS[n.nominatedRole] },
  {
    key: 'qualified',
    title: '资格审核',
    render: (_, n) =>
      n.qualified ? (
        <Tag color="green">符合条件</Tag>
      ) : (
        <div style={{ minWidth: 180 }}>
          <Tag color="red">不符合条件</Tag>
          <div>{failed(n)}</div>
        </div>
      ),
  },
  {
    key: 'state',
    title: '状态',
    render: (_, n) =>
      n.state === 'sent_back' ? (
        <div style={{ minWidth: 160 }}>
          <Tag color="orange">{NOMINATION_STATE_LABELS.sent_back}</Tag>
          <div>退回原因：{n.sendBackReason}</div>
        </div>
      ) : (
        NOMINATION_STATE_LABELS[n.state]
      ),
  },
];

/**
 * 提名: a dispatching city nominates its staff for a round, one by one or by sheet, and sees
 * its own nominees (the server scopes the list to the city) with the qualification result and,
 * when command sent one back, the reason.
 */
export default function NominationsPage() {
  const user = useUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { campaign, select } = useCampaignParam();
  const rounds = useRounds(campaign?.id);
  const [roundId, setRoundId] = useState<string>();
  const [adding, setAdding] = useState(false);
  const today = shanghaiDate(new Date());
  // Cities nominate ahead: the next round to start, else the running one, else the first.
  const round =
    rounds.data?.find((r) => r.id === roundId) ??
    rounds.data?.find((r) => r.startDate > today) ??
    rounds.data?.find((r) => r.endDate >= today) ??
    rounds.data?.[0];
  const ownCity = user.roles.find((r) => r.role === 'dispatcher' && r.divisionCode)?.divisionCode;
  const list = useQuery({
    queryKey: ['nominations', round?.id],
    queryFn: () => staffingApi.nominations(round!.id),
    enabled: !!round,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['nominations', round?.id] });
  const items = list.data?.items ?? [];
  const columns = ownCity ? COLUMNS.filter((c) => c.key !== 'city') : COLUMNS;

  return (
    <>
      <PageHeader
        title="提名人员"
        extra={
          <>
            {select}
            <Select
              aria-label="轮次"
              style={{ minWidth: 120 }}
              value={round?.id}
              onChange={setRoundId}
              options={(rounds.data ?? []).map((r) => ({ label: `第${r.number}轮`, value: r.id }))}
            />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-primary-action
              disabled={!round}
              onClick={() => setAdding(true)}
            >
              提名一人
            </Button>
          </>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          抽调人员须持本人所在地执法证且在本轮期间有效，为市支队业务骨干或县（区）中队长、副中队长；组长为主管执法的副局长、支队长或副支队长。
          {ownCity ? '只能提名本市人员。' : ''}
        </Typography.Paragraph>
      </PageHeader>
      {round ? (
        <>
          <NominationImport
            roundId={round.id}
            roundNumber={round.number}
            onDone={(r) => {
              message.success(
                `提名表已导入：新增 ${r.created} 人、更新 ${r.updated} 人；符合条件 ${r.qualified} 人，不符合 ${r.unqualified} 人`,
                6,
              );
              void refresh();
            }}
          />
          <ErrorAlert error={list.error} />
          <Typography.Paragraph>
            第{round.number}轮已提名 {items.length} 人，符合条件 {items.filter((n) => n.qualified).length} 人
            {items.some((n) => n.state === 'sent_back')
              ? `，被退回 ${items.filter((n) => n.state === 'sent_back').length} 人`
              : ''}
            。
          </Typography.Paragraph>
          <ResponsiveTable<Nomination>
            label="本轮提名人员"
            rowKey="id"
            size="small"
            loading={list.isPending}
            scroll={{ x: 'max-content' }}
            dataSource={items}
            columns={columns}
            pagination={items.length > 50 ? { pageSize: 50 } : false}
            locale={{
              emptyText: (
                <EmptyState
                  title="本轮尚未提名"
                  why={`第${round.number}轮还没有${ownCity ? '本市' : ''}提名人员`}
                  next="点击“提名一人”逐个填写，或下载提名表模板填好后导入"
                />
              ),
            }}
          />
        </>
      ) : (
        <EmptyState title="暂无轮次" why="专项行动尚未设置轮次" next="请联系指挥调度组设置轮次后再提名" />
      )}
      {adding && round ? (
        <NominationFormModal
          roundId={round.id}
          roundNumber={round.number}
          ownCity={ownCity ? cityOf(ownCity) : undefined}
          onClose={() => setAdding(false)}
          onDone={(n) => {
            setAdding(false);
            if (n.qualified) message.success(`已提名${n.name}：符合条件`);
            else message.warning(`已提名${n.name}，但资格审核未通过：${failed(n)}`, 8);
            void refresh();
          }}
        />
      ) : null}
    </>
  );
}
