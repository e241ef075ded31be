import { z } from 'zod';
import { DEFAULT_QUOTA, type QuotaRule } from '../field/quota.ts';

/** Per-campaign numbers the command group can tune; every field falls back to the plan's value. */
export const campaignSettingsSchema = z.object({
  quota: z
    .object({ minSites: z.number().int().min(0).max(100), minIndustrial: z.number().int().min(0).max(100) })
    .optional(),
  /** Evidence of a suspected violation reaching the server later than this after capture goes on the discipline list. */
  evidenceLateMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
});
export type CampaignSettingsInput = z.infer<typeof campaignSettingsSchema>;

export interface CampaignSettings {
  quota: QuotaRule;
  evidenceLateMinutes: number;
}

export const DEFAULT_EVIDENCE_LATE_MINUTES = 30;

export function resolveCampaignSettings(json: string | null | undefined): CampaignSettings {
  let parsed: CampaignSettingsInput = {};
  try {
    const r = campaignSettingsSchema.safeParse(JSON.parse(json || '{}'));
    if (r.success) parsed = r.data;
  } catch {
    // A damaged settings cell must not stop field work: fall back to the plan's numbers.
  }
  return {
    quota: parsed.quota ?? DEFAULT_QUOTA,
    evidenceLateMinutes: parsed.evidenceLateMinutes ?? DEFAULT_EVIDENCE_LATE_MINUTES,
  };
}
