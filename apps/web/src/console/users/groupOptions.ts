import { useQueries } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys, shortCity, useCampaigns } from '../../lib/queries.ts';

/**
 * Every group of every campaign, for binding a liaison, leader or inspector: options grouped
 * by campaign, and a label for any group id ("2020年秋冬季暗访核查 第2组（进驻开封）").
 */
export function useGroupOptions() {
  const campaigns = useCampaigns();
  const list = campaigns.data ?? [];
  return useQueries({
    queries: list.map((c) => ({ queryKey: keys.groups(c.id), queryFn: () => api.groups(c.id) })),
    combine: (results) => {
      const labels = new Map<string, string>();
      const options = list.map((c, i) => ({
        label: c.name,
        title: c.name,
        options: [...(results[i]?.data?.items ?? [])]
          .sort((a, b) => a.number - b.number)
          .map((g) => {
            const short = `第${g.number}组（进驻${shortCity(g.stationedCity.name)}）`;
            labels.set(g.id, `${c.name} ${short}`);
            return { value: g.id, label: short };
          }),
      }));
      return {
        options,
        label: (id: string) => labels.get(id) ?? '核查组',
        pending: campaigns.isPending || results.some((r) => r.isPending),
      };
    },
  });
}
