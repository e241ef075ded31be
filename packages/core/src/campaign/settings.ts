import { z } from 'zod';
import { DEFAULT_HOTLINE_LIMITS, type HotlineTimeLimits } from '../dispatch/hotline.ts';
import { DEFAULT_QUOTA, type QuotaRule } from '../field/quota.ts';
import {
  type DailyPackageTimes,
  DEFAULT_DAILY_PACKAGE_TIMES,
  dailyPackageTimesSchema,
} from '../reports/dailyTiming.ts';
import { reportMailboxSchema } from '../reports/reportMailbox.ts';

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
  /**
   * The province's contact printed on handovers for the inspected bureau; when unset, the
   * liaison of the group that found the problem (never an inspector: they keep working there).
   */
  /** 12369 time limits (defaults: start within 2 working days, finish within 30 days). */
  hotline: z
    .object({
      startWithinWorkingDays: z.number().int().min(1).max(30),
      finishWithinDays: z.number().int().min(1).max(120),
      finishDayKind: z.enum(['calendar', 'working']),
    })
    .partial()
    .optional(),
  handoverContact: z
    .object({
      name: z.string().trim().min(1).max(32),
      phone: z.string().trim().min(5).max(32),
      unit: z.string().trim().max(100).optional(),
    })
    .optional(),
  /** The 19:00 warning and the 20:00 deadline of the daily package (Shanghai time). */
  dailyPackage: dailyPackageTimesSchema.optional(),
  /** The designated mailbox(es) the daily package goes to (指定邮箱); unset: nothing is mailed. */
  reportMailbox: reportMailboxSchema.optional(),
});
export type CampaignSettingsInput = z.infer<typeof campaignSettingsSchema>;

export interface HandoverContact {
  name: string;
  phone: string;
  unit?: string;
}

export interface CampaignSettings {
  quota: QuotaRule;
  evidenceLateMinutes: number;
  handoverContact: HandoverContact | null;
  hotline: HotlineTimeLimits;
  dailyPackage: DailyPackageTimes;
  reportMailbox: string | null;
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
    handoverContact: parsed.handoverContact ?? null,
    hotline: { ...DEFAULT_HOTLINE_LIMITS, ...parsed.hotline },
    dailyPackage: parsed.dailyPackage ?? DEFAULT_DAILY_PACKAGE_TIMES,
    reportMailbox: parsed.reportMailbox ?? null,
  };
}
