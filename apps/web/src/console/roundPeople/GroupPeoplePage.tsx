import { shanghaiDate } from '@ancha/core';
import { Tabs } from 'antd';
import { useState } from 'react';
import { useRounds } from '../../lib/queries.ts';
import { useCan } from '../auth.tsx';
import { useCampaignParam } from '../common/CampaignSelect.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { DisciplinePanel } from './DisciplinePanel.tsx';
import { IncidentsPanel } from './IncidentsPanel.tsx';
import { RosterChangesPanel } from './RosterChangesPanel.tsx';
import { RoundSelect } from './shared.tsx';

/**
 * A group's people matters for its leader and liaison (and a dispatching city's roster
 * requests): asking for a roster change, logging safety incidents, recording discipline. The
 * command group does the same, for every group, under 轮次人员.
 */
export default function GroupPeoplePage() {
  const { campaign, select } = useCampaignParam();
  const rounds = useRounds(campaign?.id);
  const [roundId, setRoundId] = useState<string>();
  const canSafety = useCan('safety.read');
  const canDiscipline = useCan('discipline.read');
  const today = shanghaiDate(new Date());
  // The running round first: that is the one whose people a leader is dealing with.
  const running = rounds.data?.find((r) => r.startDate <= today && today <= r.endDate);
  const current = roundId ?? running?.id ?? rounds.data?.[0]?.id;
  return (
    <>
      <PageHeader
        title="本组人员事务"
        extra={
          <>
            {select}
            <RoundSelect rounds={rounds.data} value={current} onChange={setRoundId} />
          </>
        }
      />
      {current && campaign ? (
        <Tabs
          key={current}
          items={[
            {
              key: 'c',
              label: '名单调整申请',
              children: <RosterChangesPanel campaignId={campaign.id} roundId={current} />,
            },
            ...(canSafety
              ? [
                  {
                    key: 's',
                    label: '安全事件',
                    children: <IncidentsPanel campaignId={campaign.id} roundId={current} />,
                  },
                ]
              : []),
            ...(canDiscipline
              ? [
                  {
                    key: 'd',
                    label: '违纪记录',
                    children: <DisciplinePanel campaignId={campaign.id} roundId={current} />,
                  },
                ]
              : []),
          ]}
        />
      ) : (
        <EmptyState title="暂无轮次" why="专项行动尚未设置轮次" next="轮次设置后可在此提出名单调整申请" />
      )}
    </>
  );
}
