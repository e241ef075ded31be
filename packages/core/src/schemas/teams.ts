import { z } from 'zod';
import { isoDate } from './common.ts';

// ── teams (小组) ────────────────────────────────────────────────────────────────
export const teamBody = z.object({
  roundId: z.string().uuid(),
  groupId: z.string().uuid(),
  number: z.number().int().min(1).max(50),
  memberIds: z.array(z.string().uuid()).length(2, '每个小组为2人'),
  recorderSerial: z.string().trim().min(1, '请填写执法记录仪编号').max(64),
});
export type TeamBody = z.infer<typeof teamBody>;

export const teamOut = z.object({
  id: z.string(),
  roundId: z.string(),
  groupId: z.string(),
  groupNumber: z.number().int(),
  number: z.number().int(),
  recorderSerial: z.string(),
  members: z.array(z.object({ personId: z.string(), name: z.string(), userId: z.string().nullable() })),
});
export type TeamOut = z.infer<typeof teamOut>;

export const teamsQuery = z.object({ groupId: z.string().uuid().optional() });

// ── quota (每天≥8个点位，其中工业企业≥5家) ────────────────────────────────────────
/** The day to count, a campaign (Shanghai) date; today when absent. */
export const quotaQuery = z.object({ date: isoDate.optional() });

export const quotaOut = z.object({
  date: z.string(),
  sites: z.number().int(),
  industrialSites: z.number().int(),
  minSites: z.number().int(),
  minIndustrial: z.number().int(),
  met: z.boolean(),
});
export type QuotaOut = z.infer<typeof quotaOut>;

/** One team's day against the quota, with where and when it last recorded (GET /campaigns/:id/quota). */
export const teamQuotaOut = quotaOut
  .extend({
    teamId: z.string(),
    teamNumber: z.number(),
    groupId: z.string(),
    groupNumber: z.number(),
    stationedCityCode: z.string(),
    inspections: z.number(),
    lastAt: z.string().nullable(),
    lastPosition: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  })
  .omit({ date: true });
export type TeamQuotaOut = z.infer<typeof teamQuotaOut>;

export const campaignQuotaOut = z.object({ date: z.string(), items: z.array(teamQuotaOut) });
export type CampaignQuotaOut = z.infer<typeof campaignQuotaOut>;

// ── the phone's day (GET /me/field-context) ─────────────────────────────────────
export const fieldContextOut = z.object({
  date: z.string(),
  round: z
    .object({ id: z.string(), number: z.number(), startDate: z.string(), endDate: z.string() })
    .nullable(),
  campaignId: z.string().nullable(),
  team: teamOut.nullable(),
  stationedCityCode: z.string().nullable(),
  settings: z.object({
    quota: z.object({ minSites: z.number(), minIndustrial: z.number() }),
    evidenceLateMinutes: z.number(),
  }),
});
export type FieldContextOut = z.infer<typeof fieldContextOut>;
