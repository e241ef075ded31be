import { shanghaiDate } from '@ancha/core';
import { Card, Empty, Flex, Segmented, Select } from 'antd';
import { useSearchParams } from 'react-router';
import type { Round } from '../../lib/api.ts';
import { shortCity, useGroups, useRounds } from '../../lib/queries.ts';
import { useCan } from '../auth.tsx';
import { useCampaignParam } from '../common/CampaignSelect.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { GroupMembers } from './GroupMembers.tsx';
import { RosterImport } from './RosterImport.tsx';

/** The round in progress, else the next one to start, else the last one. */
function defaultRound(rounds: Round[], today = shanghaiDate(new Date())): Round | undefined {
  return (
    rounds.find((r) => r.startDate <= today && today <= r.endDate) ??
    rounds.find((r) => r.endDate >= today) ??
    rounds.at(-1)
  );
}

export function RoundRosterTab() {
  const { campaigns, campaign, select } = useCampaignParam();
  const [params, setParams] = useSearchParams();
  const rounds = useRounds(campaign?.id);
  const groups = useGroups(campaign?.id);
  const canEdit = useCan('roster.edit');
  const canSheets = useCan('roster.sheets');
  const setParam = (key: string, value: string) =>
    setParams(
      (p) => {
        p.set(key, value);
        return p;
      },
      { replace: true },
    );

  const round = rounds.data?.find((r) => r.id === params.get('round')) ?? defaultRound(rounds.data ?? []);
  const group = groups.data?.find((g) => g.id === params.get('group')) ?? groups.data?.[0];

  const error = campaigns.error ?? rounds.error ?? groups.error;
  if (error)
    return (
      <ErrorAlert
        error={error}
        onRetry={() => {
          for (const q of [campaigns, rounds, groups]) q.refetch();
        }}
      />
    );
  if (campaigns.isPending) return <Loading />;
  if (!campaign)
    return (
      <Card>
        <Empty description="暂无专项行动" />
      </Card>
    );
  // Only now: without a campaign these queries are disabled and would stay pending.
  if (rounds.isPending || groups.isPending) return <Loading />;

  return (
    <>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
        {select}
        <Segmented
          aria-label="选择轮次"
          value={round?.id}
          options={(rounds.data ?? []).map((r) => ({ value: r.id, label: `第${r.number}轮` }))}
          onChange={(id) => setParam('round', String(id))}
        />
        <Select
          aria-label="选择核查组"
          style={{ minWidth: 200 }}
          value={group?.id}
          placeholder="选择核查组"
          options={(groups.data ?? []).map((g) => ({
            value: g.id,
            label: `第${g.number}组（进驻${shortCity(g.stationedCity.name)}）`,
          }))}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(id: string) => setParam('group', id)}
        />
      </Flex>
      {round && canSheets ? <RosterImport round={round} canImport={canEdit} /> : null}
      {round && group ? (
        <GroupMembers round={round} group={group} canEdit={canEdit} />
      ) : (
        <Card>
          <Empty description={round ? '没有可查看的核查组' : '该专项行动尚无轮次'} />
        </Card>
      )}
    </>
  );
}
