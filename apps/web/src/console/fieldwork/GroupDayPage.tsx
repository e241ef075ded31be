import type { ProblemState } from '@ancha/core';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { api } from '../../lib/api.ts';
import { keys, useRounds } from '../../lib/queries.ts';
import { useCan } from '../auth.tsx';
import { useCampaignParam } from '../common/CampaignSelect.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useAllProblems } from '../problems/data.ts';
import { countdown, daysUntil } from '../problems/labels.ts';
import { roundOn, todayShanghai } from './dates.ts';
import { QuotaBoard } from './QuotaBoard.tsx';
import { useFieldGroups } from './useFieldGroups.ts';
import './fieldwork.css';

/** Problems that wait on the group itself, with where the board lists them. */
const WAITING: readonly { state: ProblemState; title: string; hint: string }[] = [
  { state: 'draft', title: '待上报省厅', hint: '核实后上报省厅审核' },
  { state: 'returned', title: '被退回', hint: '按退回意见修改后重新上报' },
  { state: 'open', title: '管理问题待确认', hint: '确认已立行立改' },
  { state: 'submitted', title: '省厅审核中', hint: '等待省厅审核' },
];

/**
 * 本组今日: where a group's leader and liaison start the day — each team's count against the
 * quota (8 sites, 5 industrial), the problems waiting on the group, and the 回头看 due. The
 * server narrows every list to the caller's group.
 */
export default function GroupDayPage() {
  const { campaigns, campaign, select } = useCampaignParam();
  const today = todayShanghai();
  const deskOk = useCan('problems.desk');
  const teamsOk = useCan('teams.form');
  const groups = useFieldGroups();
  const rounds = useRounds(campaign?.id);
  const round = roundOn(rounds.data ?? [], today);
  const quota = useQuery({
    queryKey: keys.quota(campaign?.id ?? '', today),
    queryFn: () => api.campaignQuota(campaign!.id, today),
    enabled: !!campaign,
  });
  const teams = useQuery({
    queryKey: keys.teams(round?.id ?? '', ''),
    queryFn: () => api.teams(round!.id),
    enabled: !!round,
  });
  const problems = useAllProblems({ campaignId: campaign?.id }, !!campaign && deskOk);
  const tasks = useQuery({
    queryKey: keys.tasks({ kind: 'follow_up', state: 'open' }),
    queryFn: () => api.tasks({ kind: 'follow_up', state: 'open' }),
  });
  const teamsById = useMemo(() => new Map((teams.data?.items ?? []).map((t) => [t.id, t])), [teams.data]);
  const items = quota.data?.items ?? [];
  const met = items.filter((t) => t.met).length;
  const mineGroups = [...new Set(items.map((t) => t.groupId))];
  const due = [...(tasks.data?.items ?? [])]
    .filter((t) => !campaign || t.campaignId === campaign.id)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));

  const header = (
    <PageHeader
      title={mineGroups.length === 1 ? `本组今日 · ${groups.label(mineGroups[0]!)}` : '本组今日'}
      extra={select}
    >
      <Typography.Text type="secondary">
        {today}
        {round ? ` · 第${round.number}轮（${round.startDate} 至 ${round.endDate}）` : ' · 今日不在任何轮次内'}
      </Typography.Text>
    </PageHeader>
  );
  if (campaigns.isPending) return <Loading />;
  if (!campaign) {
    return (
      <>
        {header}
        <Card>
          <EmptyState
            title="暂无专项行动"
            why="您还没有被编入任何专项行动的核查组。"
            next="请联系指挥调度组。"
          />
        </Card>
      </>
    );
  }
  return (
    <>
      {header}
      <ErrorAlert error={quota.error ?? problems.error ?? tasks.error} onRetry={() => quota.refetch()} />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={<h2 className="card-h2">{`各小组今日定额（达标 ${met}/${items.length}）`}</h2>}
          >
            {items.length || quota.isPending ? (
              <QuotaBoard
                items={items}
                loading={quota.isPending}
                groupLabel={groups.label}
                teamsById={teamsById}
              />
            ) : (
              <EmptyState
                title="本组尚未编组"
                why={round ? '本轮还没有两人小组，今日定额无从统计。' : '今日不在任何轮次内。'}
                next={round && teamsOk ? <Link to="/teams">去编组</Link> : null}
              />
            )}
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              每个小组每天检查不少于 8 个点位，其中工业企业不少于 5 家。
              <Link to="/situation">查看今日态势地图</Link>
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={12}>
            {deskOk ? (
              <Card size="small" title={<h2 className="card-h2">待本组处理的问题</h2>}>
                <Row gutter={[8, 8]}>
                  {WAITING.map((w) => {
                    const n = (problems.data ?? []).filter((p) => p.state === w.state).length;
                    return (
                      <Col key={w.state} xs={12}>
                        <Link to={`/problems?state=${w.state}`} aria-label={`${w.title} ${n} 件：${w.hint}`}>
                          <Statistic title={w.title} value={n} suffix="件" loading={problems.isPending} />
                        </Link>
                      </Col>
                    );
                  })}
                </Row>
              </Card>
            ) : null}
            <Card size="small" title={<h2 className="card-h2">{`回头看任务（${due.length}）`}</h2>}>
              {due.length ? (
                <ul className="due-list">
                  {due.slice(0, 5).map((t) => (
                    <li key={t.id} className="due-item">
                      <Link to={`/problems/${t.sourceId}`}>{t.site?.name ?? t.title}</Link>
                      <div>
                        <Typography.Text type={daysUntil(t.dueDate) <= 3 ? 'danger' : 'secondary'}>
                          期限 <span className="num">{t.dueDate}</span>（{countdown(t.dueDate)}）
                        </Typography.Text>
                      </div>
                    </li>
                  ))}
                </ul>
              ) : (
                <Typography.Text type="secondary">
                  暂无待完成的回头看：省厅交办的问题在属地局反馈后会在这里提醒本组回头看。
                </Typography.Text>
              )}
              {due.length > 5 ? <Link to="/follow-ups">查看全部 {due.length} 项</Link> : null}
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
