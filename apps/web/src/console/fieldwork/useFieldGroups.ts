import { useQueries } from '@tanstack/react-query';
import type { SelectProps } from 'antd';
import { api, type Group } from '../../lib/api.ts';
import { keys, shortCity, useCampaigns } from '../../lib/queries.ts';
import { campaignLabel } from '../common/CampaignSelect.tsx';

export function groupLabel(g: Pick<Group, 'number' | 'stationedCity'>): string {
  return `第${g.number}组（进驻${shortCity(g.stationedCity.name)}）`;
}

/**
 * The groups the caller may see, across campaigns (the server narrows a leader, liaison or
 * inspector to their own group): select options grouped by campaign, and lookups by id.
 */
export function useFieldGroups() {
  const campaigns = useCampaigns();
  const list = campaigns.data ?? [];
  return useQueries({
    queries: list.map((c) => ({ queryKey: keys.groups(c.id), queryFn: () => api.groups(c.id) })),
    combine: (results) => {
      const byId = new Map<string, Group>();
      const options = list.map((c, i) => {
        const groups = [...(results[i]?.data?.items ?? [])].sort((a, b) => a.number - b.number);
        for (const g of groups) byId.set(g.id, g);
        return {
          label: campaignLabel(c),
          title: c.name,
          options: groups.map((g) => ({ value: g.id, label: groupLabel(g) })),
        };
      });
      return {
        byId,
        // One campaign (the usual case): a flat list reads better than a single heading.
        options: (options.length === 1
          ? options[0]!.options
          : options.filter((o) => o.options.length)) as SelectProps['options'],
        label: (id: string, fallbackNumber?: number) => {
          const g = byId.get(id);
          return g ? groupLabel(g) : fallbackNumber ? `第${fallbackNumber}组` : '核查组';
        },
        pending: campaigns.isPending || results.some((r) => r.isPending),
        error: campaigns.error ?? results.find((r) => r.error)?.error ?? null,
      };
    },
  });
}
