import type { DispatchSummaryOut } from '@ancha/core';
import type { AppContext } from '../../context.ts';
import { listAlerts } from './alerts.service.ts';
import { overdueChecklistItems } from './checklists.service.ts';
import { overdueClues } from './clues.service.ts';
import { unacknowledgedOf } from './instructions.service.ts';

/**
 * The command room's compact read of dispatch (one call for the dashboard's panels):
 * unacknowledged instructions with minutes waited, alerts in force, overdue items by group.
 */
export async function dispatchSummary(ctx: AppContext, campaignId: string): Promise<DispatchSummaryOut> {
  const [unacknowledged, activeAlerts, items, clues] = await Promise.all([
    unacknowledgedOf(ctx, campaignId),
    listAlerts(ctx, { campaignId, active: 'true' }),
    overdueChecklistItems(ctx, campaignId),
    overdueClues(ctx, campaignId),
  ]);
  const byGroup = new Map<string, DispatchSummaryOut['overdueByGroup'][number]>();
  const slot = (groupId: string | null, groupNumber: number | null) => {
    if (!groupId) return null;
    const g = byGroup.get(groupId) ?? { groupId, groupNumber: groupNumber ?? 0, checklistItems: 0, clues: 0 };
    byGroup.set(groupId, g);
    return g;
  };
  for (const { out } of items) {
    const g = slot(out.groupId, out.groupNumber);
    if (g) g.checklistItems++;
  }
  for (const c of clues) {
    const g = slot(c.groupId, c.groupNumber);
    if (g) g.clues++;
  }
  const overdueByGroup = [...byGroup.values()].sort((a, b) => a.groupNumber - b.groupNumber);
  return { at: ctx.now().toISOString(), unacknowledged, activeAlerts, overdueByGroup };
}
