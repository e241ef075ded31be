import { z } from 'zod';
import { dailyPackageTimesSchema } from '../reports/dailyTiming.ts';
import { reportMailboxSchema } from '../reports/reportMailbox.ts';
import { stageReportBody } from '../reports/stageReport.ts';
import { isoDate, uuid } from './common.ts';

/** Typical cases (附件3), daily packages, round reports (附件4) and stage reports over the API. */

export const typicalCaseOut = z.object({
  id: z.string(),
  inspectionId: z.string(),
  groupId: z.string(),
  groupNumber: z.number().int(),
  stationedCity: z.string(),
  packageDate: z.string(),
  foundAt: z.string(),
  inspectorNames: z.array(z.string()),
  companyName: z.string(),
  violation: z.string(),
  description: z.string(),
  photoIds: z.array(z.string()),
  /** The template's opening sentence filled from the data. */
  opening: z.string(),
  publicExposure: z.boolean(),
  exposureMarkedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TypicalCaseOut = z.infer<typeof typicalCaseOut>;

export const typicalCaseQuery = z.object({
  groupId: uuid.optional(),
  date: isoDate.optional(),
  inspectionId: uuid.optional(),
  publicExposure: z.enum(['true', 'false']).optional(),
});

/** What the editor starts from: the template's facts taken from the inspection, and its photos. */
export const typicalCaseDraftOut = z.object({
  inspectionId: z.string(),
  stationedCity: z.string(),
  foundAt: z.string(),
  inspectorNames: z.array(z.string()),
  companyName: z.string(),
  violation: z.string(),
  description: z.string(),
  photos: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['photo', 'video']),
      thumbnailUrl: z.string().nullable(),
      url: z.string(),
    }),
  ),
  existingCaseId: z.string().nullable(),
});
export type TypicalCaseDraftOut = z.infer<typeof typicalCaseDraftOut>;

export const typicalCaseExposureBody = z.object({ publicExposure: z.boolean() });
export const typicalCaseDocumentQuery = z.object({
  version: z.enum(['internal', 'public']).default('internal'),
});

// ── daily package ─────────────────────────────────────────────────────────────────────────

export const missingItemOut = z.object({
  code: z.string(),
  severity: z.enum(['blocking', 'warning', 'notice']),
  message: z.string(),
  teamNumber: z.number().int().optional(),
  ref: z.string().optional(),
});

export const dailyPackageOut = z.object({
  groupId: z.string(),
  groupNumber: z.number().int(),
  stationedCity: z.string(),
  date: z.string(),
  state: z.enum(['pending', 'sent', 'sent_late', 'failed']),
  text: z.string(),
  preparedOnTime: z.boolean().nullable(),
  overdue: z.boolean(),
  deadlineAt: z.string(),
  warningAt: z.string(),
  preparedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  mailbox: z.string().nullable(),
  missing: z.array(missingItemOut),
  warnedAt: z.string().nullable(),
  contents: z.object({
    handovers: z.number().int(),
    typicalCases: z.number().int(),
    problems: z.number().int(),
  }),
  sends: z.array(
    z.object({
      seq: z.number().int(),
      trigger: z.enum(['scheduled', 'manual']),
      summary: z.string(),
      preparedAt: z.string(),
      status: z.string().nullable(),
      sentAt: z.string().nullable(),
      /** What this send added, changed or removed against the send it was compared with. */
      changes: z.array(z.string()),
    }),
  ),
});
export type DailyPackageOut = z.infer<typeof dailyPackageOut>;

export const dailyPackageQuery = z.object({ date: isoDate.optional(), groupId: uuid.optional() });
export const dailyPackageSendBody = z.object({ groupId: uuid, date: isoDate });

// ── round report ──────────────────────────────────────────────────────────────────────────

export const roundReportFigures = z.object({
  from: z.string(),
  to: z.string(),
  sitesInspected: z.number().int(),
  sitesWithProblems: z.number().int(),
  problems: z.number().int(),
  proposedForCaseFiling: z.number().int(),
  byCategory: z.array(z.object({ category: z.string(), label: z.string(), count: z.number().int() })),
});
export type RoundReportFigures = z.infer<typeof roundReportFigures>;

export const roundReportOut = z.object({
  id: z.string().nullable(),
  roundId: z.string(),
  roundNumber: z.number().int(),
  groupId: z.string(),
  groupNumber: z.number().int(),
  stationedCity: z.string(),
  version: z.number().int(),
  state: z.enum(['not_started', 'draft', 'signed', 'submitted', 'submitted_late']),
  text: z.string(),
  overdue: z.boolean(),
  reportDueDate: z.string(),
  recommendations: z.string(),
  signedAt: z.string().nullable(),
  signedByName: z.string().nullable(),
  sha256: z.string().nullable(),
  /** The version the leader signs: the draft's hash (figures and text), refused if it moved. */
  contentHash: z.string(),
  figures: roundReportFigures,
  sections: z.object({ overview: z.string(), prominent: z.string(), categories: z.array(z.string()) }),
});
export type RoundReportOut = z.infer<typeof roundReportOut>;

export const roundReportQuery = z.object({ roundId: uuid, groupId: uuid.optional() });
export const roundReportDraftBody = z.object({
  roundId: uuid,
  groupId: uuid,
  recommendations: z.string().max(30_000),
});

// ── stage report ──────────────────────────────────────────────────────────────────────────

export { stageReportBody };
export const stageReportOut = z.object({
  id: z.string(),
  campaignId: z.string(),
  from: z.string(),
  to: z.string(),
  scope: z.unknown(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number().int(),
  error: z.string().nullable(),
  filename: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type StageReportOut = z.infer<typeof stageReportOut>;

// ── the 19:00 warning on the phone ────────────────────────────────────────────────────────

/**
 * What the phone shows of the daily package: per group of the user, what is still missing for
 * today's package. Leaders and liaisons get the whole group's list; an inspector only the
 * shortfall of their own team (`forTeamNumber`). `asOf` is the server's time of the answer:
 * the phone keeps it for offline viewing and says how old it is.
 */
export const phoneDailyWarningOut = z.object({
  date: z.string(),
  asOf: z.string(),
  groups: z.array(
    z.object({
      groupId: z.string(),
      groupNumber: z.number().int(),
      stationedCity: z.string(),
      forTeamNumber: z.number().int().nullable(),
      warningAt: z.string(),
      deadlineAt: z.string(),
      state: z.enum(['pending', 'sent', 'sent_late', 'failed']),
      text: z.string(),
      missing: z.array(missingItemOut),
    }),
  ),
});
export type PhoneDailyWarningOut = z.infer<typeof phoneDailyWarningOut>;

// ── report settings of a campaign ─────────────────────────────────────────────────────────

/** The daily package's mailbox(es) and times; `reportMailbox: null` stops mailing. */
export const reportSettingsBody = z.object({
  reportMailbox: reportMailboxSchema.nullable().optional(),
  dailyPackage: dailyPackageTimesSchema.optional(),
});
export type ReportSettingsBody = z.input<typeof reportSettingsBody>;
export const reportSettingsOut = z.object({
  reportMailbox: z.string().nullable(),
  dailyPackage: z.object({ warningTime: z.string(), sendTime: z.string() }),
  /**
   * The group robot (群机器人) is the server's (ANCHA_WEBHOOK_URL), one for all campaigns; shown,
   * not edited here, and never its address: the URL is the robot's key.
   */
  webhookConfigured: z.boolean(),
  /** Who last changed these settings, and when (from the audit log). */
  lastChange: z.object({ by: z.string(), at: z.string() }).nullable(),
});
export type ReportSettingsOut = z.infer<typeof reportSettingsOut>;
