import type { DashboardPanelKey } from '@ancha/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

export const panelKey = (key: DashboardPanelKey, campaignId: string, date: string) =>
  ['dashboard', key, campaignId, date] as const;

/** One panel's read model; the page invalidates exactly the panels a live event affects. */
export function usePanel<K extends DashboardPanelKey>(key: K, campaignId: string, date: string) {
  return useQuery({
    queryKey: panelKey(key, campaignId, date),
    queryFn: () => api.dashboardPanel(key, campaignId, date),
    // A panel keeps showing its last numbers while it refetches: the wall never blanks.
    placeholderData: (prev) => prev,
  });
}
