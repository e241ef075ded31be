import { Card, Empty, Typography } from 'antd';
import type { ReactNode } from 'react';
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
        <GroupsTable campaignId={campaign.id} canEdit={canEdit} />
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
