import type { ReportSettingsOut } from '@ancha/core';
import type { Actor, AppContext } from '../../context.ts';
import { campaignSettingsOf, requireCampaign, updateCampaignSettings } from '../campaign/campaign.service.ts';
import * as repo from './reports.repository.ts';

/**
 * A campaign's daily-package settings as the command group edits them: mailbox(es), warning and
 * sending time, whether the group robot is set up (server-wide, so shown and not edited), and
 * who changed them last, read from the audit log the change was written to.
 */
const ACTION = 'campaign.report_settings';

export async function getReportSettings(ctx: AppContext, campaignId: string): Promise<ReportSettingsOut> {
  await requireCampaign(ctx, campaignId);
  const s = await campaignSettingsOf(ctx, campaignId);
  const last = await repo.lastAuditEntry(ctx.db, 'campaign', campaignId, ACTION);
  return {
    reportMailbox: s.reportMailbox,
    dailyPackage: s.dailyPackage,
    webhookConfigured: Boolean(ctx.config.webhookUrl),
    lastChange: last ? { by: last.display_name ?? last.actor_name ?? '系统', at: last.at } : null,
  };
}

export async function putReportSettings(
  ctx: AppContext,
  actor: Actor,
  campaignId: string,
  body: { reportMailbox?: string | null; dailyPackage?: { warningTime: string; sendTime: string } },
): Promise<ReportSettingsOut> {
  await updateCampaignSettings(ctx, actor, campaignId, body, ACTION);
  return getReportSettings(ctx, campaignId);
}
