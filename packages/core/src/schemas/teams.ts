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

// ── auto-pairing (自动编组建议) ───────────────────────────────────────────────────
export const teamProposalQuery = z.object({
  groupId: z.string().uuid(),
  /** Pair people whose certificate cannot be shown to cover the round too, each pair flagged. */
  includeUncertain: z.enum(['true', 'false']).optional(),
});
export type TeamProposalQuery = z.input<typeof teamProposalQuery>;

const pairedPerson = z.object({
  personId: z.string(),
  name: z.string(),
  unit: z.string(),
  isLeader: z.boolean(),
  certValidUntil: z.string().nullable(),
});
export type PairedPerson = z.infer<typeof pairedPerson>;

/** Core's proposal for a group's people not yet in a team, with a recorder for each team. */
export const teamProposalOut = z.object({
  roundId: z.string(),
  groupId: z.string(),
  groupNumber: z.number().int(),
  /** Teams already formed this round: their people are not proposed again. */
  existingTeams: z.number().int(),
  pairs: z.array(
    z.object({
      number: z.number().int(),
      members: z.array(pairedPerson).length(2),
      mixedUnits: z.boolean(),
      note: z.string(),
      problems: z.array(z.string()),
      /** A recorder this group carried in an earlier round and nobody has this round; null if none is left. */
      recorderSerial: z.string().nullable(),
    }),
  ),
  unpaired: z.array(
    z.object({ person: pairedPerson, reason: z.enum(['certificate', 'odd_count']), message: z.string() }),
  ),
  /** The group's recorders on record that are still free this round. */
  recorders: z.array(z.string()),
  /** Everything the proposal could not meet, in Chinese. */
  unmet: z.array(z.string()),
});
export type TeamProposalOut = z.infer<typeof teamProposalOut>;

export const applyTeamsBody = z.object({
  groupId: z.string().uuid(),
  teams: z
    .array(teamBody.pick({ number: true, memberIds: true, recorderSerial: true }))
    .min(1, '至少需要一个小组')
    .max(50),
});
export type ApplyTeamsBody = z.infer<typeof applyTeamsBody>;
