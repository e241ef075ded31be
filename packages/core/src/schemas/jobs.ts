import { z } from 'zod';

export const jobRunOut = z.object({
  period: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  instance: z.string(),
  error: z.string().nullable(),
  result: z.unknown(),
});
export type JobRunOut = z.infer<typeof jobRunOut>;

export const jobOut = z.object({
  name: z.string(),
  title: z.string(),
  cron: z.string(),
  nextRun: z.string().nullable(),
  lastRuns: z.array(jobRunOut),
});
export type JobOut = z.infer<typeof jobOut>;

export const jobParams = z.object({ name: z.string().max(64) });

export const jobRunBody = z.object({ force: z.boolean().default(false) }).default({ force: false });
export type JobRunBody = z.input<typeof jobRunBody>;

export const JOB_OUTCOME_STATUSES = ['ran', 'skipped', 'error'] as const;
export type JobOutcomeStatus = (typeof JOB_OUTCOME_STATUSES)[number];

export const jobOutcomeOut = z.object({
  name: z.string(),
  period: z.string(),
  status: z.enum(JOB_OUTCOME_STATUSES),
  result: z.unknown().optional(),
  error: z.string().optional(),
});
export type JobOutcomeOut = z.infer<typeof jobOutcomeOut>;
