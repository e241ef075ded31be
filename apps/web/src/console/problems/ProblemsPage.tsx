import { can, isProvincial } from '@ancha/core';
import { Badge, Card, Tabs, type TabsProps } from 'antd';
import { useUser } from '../auth.tsx';
import { MailStatusPanel } from '../bureau/MailStatusPanel.tsx';
import { useCampaignParam } from '../common/CampaignSelect.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFieldGroups } from '../fieldwork/useFieldGroups.ts';
import { useAllProblems } from './data.ts';
import { LedgerButton } from './downloads.tsx';
import { ProblemLiveIndicator, useProblemLive } from './live.tsx';
import { ActionHost } from './ProblemActions.tsx';
import { ProblemBoard } from './ProblemBoard.tsx';
import { ProblemStats } from './ProblemStats.tsx';
import { useBoardParams } from './params.ts';
import { ReviewQueue } from './ReviewQueue.tsx';

/**
 * 问题处置: the province's board of every problem by state, its review queue and the counts
 * per city and group; a group's leader and liaison see their own group's problems here and
 * take the steps that are theirs (submit). What each may do comes from the server.
 */
export default function ProblemsPage() {
  const roles = useUser().roles;
  const province = isProvincial(roles);
  const { campaign, select } = useCampaignParam();
  const params = useBoardParams(campaign?.id);
  const groups = useFieldGroups();
  const status = useProblemLive();
  const all = useAllProblems(params.server, !!campaign);
  const submitted = useAllProblems({ campaignId: campaign?.id, state: 'submitted' }, !!campaign && province);
  const rows = all.data ?? [];

  const board = (
    <ProblemBoard
      rows={rows}
      loading={!!campaign && all.isPending}
      error={all.error}
      onRetry={() => all.refetch()}
      params={params}
      groups={groups}
      province={province}
    />
  );
  const items: NonNullable<TabsProps['items']> = [{ key: 'board', label: '问题看板', children: board }];
  if (province) {
    items.push(
      {
        key: 'review',
        label: (
          <Badge count={submitted.data?.length ?? 0} size="small" offset={[8, -2]}>
            审核队列
          </Badge>
        ),
        children: <ReviewQueue campaignId={campaign?.id} groups={groups} />,
      },
      {
        key: 'stats',
        label: '地市 / 核查组统计',
        children: (
          <ProblemStats
            rows={rows}
            loading={!!campaign && all.isPending}
            groupLabel={(id, n) => groups.label(id, n)}
            onPick={(by, key) => params.set({ view: undefined, state: undefined, [by]: key })}
          />
        ),
      },
    );
  }
  return (
    <ActionHost>
      <PageHeader
        title="问题处置"
        extra={
          <>
            <ProblemLiveIndicator status={status} />
            {select}
            <LedgerButton
              filter={{ ...params.server, state: params.state }}
              // The sheet is filtered by campaign, round, group, city, state and kind only.
              note={
                params.server.overdue || params.server.q
                  ? '问题清单按轮次、核查组、地市、类型和状态导出，不含“仅看逾期”和搜索条件'
                  : undefined
              }
            />
          </>
        }
      />
      {can(roles, 'mail.manage') ? <MailStatusPanel /> : null}
      <Card size="small">
        <Tabs
          activeKey={items.some((i) => i.key === params.view) ? params.view : 'board'}
          onChange={(k) => params.set({ view: k === 'board' ? undefined : k })}
          items={items}
        />
      </Card>
    </ActionHost>
  );
}
