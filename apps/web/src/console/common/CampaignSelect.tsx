import { Select } from 'antd';
import { useSearchParams } from 'react-router';
import type { Campaign } from '../../lib/api.ts';
import { useCampaigns } from '../../lib/queries.ts';

/**
 * The campaign a page works on, kept in the address (`?campaign=`) so a link or a reload
 * opens the same one. Defaults to the first campaign the server lists; the default is not
 * written into the address, since a write racing a menu click would undo the navigation.
 */
/** A campaign's name, marked 演示 when it is the demo's (once: the demo's own name may say it already). */
export function campaignLabel(c: Pick<Campaign, 'name' | 'isDemo'>): string {
  return c.isDemo && !c.name.includes('演示') ? `${c.name}（演示）` : c.name;
}

export function useCampaignParam() {
  const campaigns = useCampaigns();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('campaign');
  const list = campaigns.data ?? [];
  const campaign: Campaign | undefined = list.find((c) => c.id === wanted) ?? list[0];

  const select = (
    <Select
      aria-label="选择专项行动"
      style={{ minWidth: 240, maxWidth: '100%' }}
      loading={campaigns.isPending}
      value={campaign?.id}
      placeholder="选择专项行动"
      options={list.map((c) => ({ value: c.id, label: campaignLabel(c) }))}
      onChange={(id: string) =>
        setParams((p) => {
          p.set('campaign', id);
          // Rounds and groups belong to a campaign: a choice made in the old one means nothing here.
          p.delete('round');
          p.delete('group');
          return p;
        })
      }
    />
  );
  return { campaigns, campaign, select };
}
