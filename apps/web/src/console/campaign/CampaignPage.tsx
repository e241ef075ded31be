import { Card, Empty, Segmented, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useRounds } from '../../lib/queries.ts';
import { useCan } from '../auth.tsx';
import { useCampaignParam } from '../common/CampaignSelect.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { GroupsTable } from './GroupsTable.tsx';
import { RoundsTable } from './RoundsTable.tsx';

export default function CampaignPage() {
  const { campaigns, campaign, select } = useCampaignParam();
  const canEdit = useCan('campaign.edit');
  const rounds = useRounds(campaign?.id);
  const [roundNumber, setRoundNumber] = useState(1);
  const round = rounds.data?.find((r) => r.number === roundNumber);

  let body: ReactNode;
  if (campaigns.isPending) body = <Loading />;
  else if (campaigns.isError)
    body = <ErrorAlert error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  else if (!campaign)
    body = (
      <Card>
        <Empty description="暂无专项行动" />
      </Card>
    );
  else {
    body = (
      <>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          行动时间：{campaign.startDate} 至 {campaign.endDate}（北京时间）
        </Typography.Paragraph>
        <RoundsTable campaignId={campaign.id} canEdit={canEdit} />
        {rounds.data && rounds.data.length > 1 ? (
          <Segmented
            aria-label="查看轮次分组"
            style={{ margin: '16px 0 8px' }}
            value={roundNumber}
            onChange={(v) => setRoundNumber(Number(v))}
            options={rounds.data.map((r) => ({ label: `第${r.number}轮`, value: r.number }))}
          />
        ) : null}
        <GroupsTable
          campaignId={campaign.id}
          canEdit={canEdit}
          round={round ? { id: round.id, number: round.number } : undefined}
        />
      </>
    );
  }

  return (
    <>
      <PageHeader title="专项行动" extra={select} />
      {body}
    </>
  );
}
