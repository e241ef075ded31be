import { shanghaiDate } from '@ancha/core';
import type { AppContext } from '../../context.ts';
import type { ProblemsTable } from '../../db/schema.ts';
import { campaignSettingsOf, roundForDate } from '../campaign/campaign.service.ts';
import { type Contact, liaisonContacts } from '../people/people.service.ts';

/**
 * Whom the inspected bureau calls about a handed-over problem: the campaign's configured
 * contact, else the liaison of the group that found it — the one serving now, or the one of
 * the round it was found in. Never an inspector: they keep working covertly in that city.
 */
export async function handoverContacts(
  ctx: AppContext,
  rows: readonly ProblemsTable[],
): Promise<Map<string, Contact | null>> {
  const campaigns = [...new Set(rows.map((p) => p.campaign_id))];
  const today = shanghaiDate(ctx.now());
  const perCampaign = new Map(
    await Promise.all(
      campaigns.map(
        async (id) =>
          [
            id,
            { settings: await campaignSettingsOf(ctx, id), now: await roundForDate(ctx, id, today) },
          ] as const,
      ),
    ),
  );
  const roundIds = [
    ...rows.map((p) => p.round_id),
    ...[...perCampaign.values()].flatMap((c) => c.now?.id ?? []),
  ];
  const liaisons = await liaisonContacts(
    ctx,
    rows.map((p) => p.group_id),
    roundIds,
  );
  return new Map(
    rows.map((p) => {
      const c = perCampaign.get(p.campaign_id)!;
      const configured = c.settings.handoverContact;
      if (configured) return [p.id, { ...configured, unit: configured.unit ?? null }];
      const now = c.now ? liaisons.get(`${p.group_id}|${c.now.id}`) : undefined;
      return [p.id, now ?? liaisons.get(`${p.group_id}|${p.round_id}`) ?? null];
    }),
  );
}
