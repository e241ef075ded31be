import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Col, DatePicker, Row, Statistic } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef } from 'react';
import { api, type Inspection, type List } from '../../lib/api.ts';
import { placesApi } from '../../lib/placesApi.ts';
import { keys, useRounds } from '../../lib/queries.ts';
import { useCampaignParam } from '../common/CampaignSelect.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { TEXT_BAD, TEXT_WARN } from '../common/theme.ts';
import { roundOn, useFilterParams } from './dates.ts';
import { InspectionMap } from './InspectionMap.tsx';
import { LiveIndicator, useLive } from './live.tsx';
import { QuotaBoard } from './QuotaBoard.tsx';
import './fieldwork.css';
import { useFieldGroups } from './useFieldGroups.ts';

const MAP_HEIGHT = 430;
const NONE: never[] = [];

/** Every record of a day, all pages of the list (the map shows them all). */
async function allOn(date: string): Promise<Inspection[]> {
  const out: Inspection[] = [];
  let cursor: string | undefined;
  do {
    const page: List<Inspection> = await api.inspections({ date, limit: 500, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** 今日态势: every team's count against the quota and a map of the day's points, kept live. */
export default function SituationPage() {
  const { campaigns, campaign, select } = useCampaignParam();
  const params = useFilterParams();
  const date = params.date;
  const qc = useQueryClient();
  const groups = useFieldGroups();
  const rounds = useRounds(campaign?.id);
  const round = roundOn(rounds.data ?? [], date);

  const quota = useQuery({
    queryKey: keys.quota(campaign?.id ?? '', date),
    queryFn: () => api.campaignQuota(campaign!.id, date),
    enabled: !!campaign,
  });
  const points = useQuery({ queryKey: keys.inspectionPoints(date), queryFn: () => allOn(date) });
  // 重点区域 for the map; a role without them (none today among field readers) just sees none.
  const priority = useQuery({
    queryKey: ['priority-areas'],
    queryFn: () => placesApi.priorityAreas(),
    retry: false,
  });
  const teams = useQuery({
    queryKey: keys.teams(round?.id ?? '', ''),
    queryFn: () => api.teams(round!.id),
    enabled: !!round,
  });

  // A burst of records (a phone back online with eight sites) refreshes the board once.
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const refresh = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      qc.invalidateQueries({ queryKey: ['quota'] });
      qc.invalidateQueries({ queryKey: keys.inspectionPoints(date) });
    }, 1_000);
  };
  const status = useLive({ onEvent: refresh, onReconnect: refresh });

  const mine = useMemo(
    () => (points.data ?? []).filter((i) => !campaign || i.campaignId === campaign.id),
    [points.data, campaign],
  );
  const teamsById = useMemo(() => new Map((teams.data?.items ?? []).map((t) => [t.id, t])), [teams.data]);
  const items = quota.data?.items ?? NONE;
  const met = items.filter((t) => t.met).length;
  const { label } = groups;
  const campaignGroups = useMemo(
    () => [...groups.byId.values()].filter((g) => g.campaignId === campaign?.id),
    [groups.byId, campaign?.id],
  );
  const teamLabel = (groupId: string, g: number, t: number) => `${label(groupId, g)} 第${t}小组`;

  const error = campaigns.error ?? quota.error ?? points.error;
  const header = (
    <PageHeader
      title="今日态势"
      extra={
        <>
          {select}
          <DatePicker
            aria-label="日期"
            allowClear={false}
            value={dayjs(date)}
            onChange={(d) => d && params.set({ date: d.format('YYYY-MM-DD') })}
          />
          <LiveIndicator status={status} />
        </>
      }
    />
  );
  if (campaigns.isPending) return <Loading />;
  if (!campaign)
    return (
      <>
        {header}
        <Card>
          <EmptyState
            title="暂无专项行动"
            why="系统中还没有专项行动。"
            next="请指挥调度组在“专项行动”中创建或导入工作方案。"
          />
        </Card>
      </>
    );
  return (
    <>
      {header}
      <ErrorAlert error={error} onRetry={() => Promise.all([quota.refetch(), points.refetch()])} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {[
          {
            title: '达标小组',
            value: `${met} / ${items.length}`,
            color: items.length && met < items.length ? TEXT_BAD : undefined,
          },
          { title: '检查点位', value: items.reduce((s, t) => s + t.sites, 0) },
          { title: '其中工业企业', value: items.reduce((s, t) => s + t.industrialSites, 0) },
          { title: '检查记录', value: mine.length },
          {
            title: '涉嫌环境违法',
            value: mine.filter((i) => i.outcome === 'suspected_violation').length,
            color: TEXT_BAD,
          },
          { title: '证据超时', value: mine.filter((i) => i.lateEvidence).length, color: TEXT_WARN },
        ].map((s) => (
          <Col key={s.title} xs={12} md={8} xl={4}>
            <Card size="small">
              <Statistic title={s.title} value={s.value} styles={{ content: { color: s.color } }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={`检查点位分布（${date}）`}>
            <InspectionMap
              points={mine}
              teams={items}
              teamLabel={teamLabel}
              fitKey={`${campaign.id}|${date}`}
              height={MAP_HEIGHT}
              priorityAreas={priority.data?.items}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={round ? `第${round.number}轮 · 各小组定额完成情况` : '各小组定额完成情况'}
          >
            <QuotaBoard
              items={items}
              loading={quota.isPending}
              groupLabel={label}
              teamsById={teamsById}
              groups={campaignGroups}
              height={MAP_HEIGHT - 8}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
