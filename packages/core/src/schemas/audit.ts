import { z } from 'zod';

export const auditQuery = z.object({
  entity: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  limit: z.coerce.number<number>().int().min(1).max(500).default(100),
  /** The `seq` of the last entry seen: the page continues with older entries. */
  cursor: z.coerce.number<number>().int().min(1).optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEntryOut = z.object({
  seq: z.number(),
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  data: z.unknown(),
  ip: z.string().nullable(),
});
export type AuditEntryOut = z.infer<typeof auditEntryOut>;

const brokenEntry = z.object({ seq: z.number(), id: z.string(), reason: z.string() });

/** Every entry of the chain is checked on its own, so one break never hides another. */
export const auditVerifyOut = z.object({
  ok: z.boolean(),
  /** Entries walked: the whole chain. */
  checked: z.number(),
  /** How many entries do not hold (their content, or the link to their predecessor). */
  brokenCount: z.number(),
  /** Those entries in chain order; only the first AUDIT_BROKEN_LISTED when there are more. */
  broken: z.array(brokenEntry),
  /** The first of them (kept for older clients). */
  firstBroken: brokenEntry.optional(),
});
/** A chain broken everywhere still answers in a page: the count says how many more there are. */
export const AUDIT_BROKEN_LISTED = 1000;
export type AuditVerifyOut = z.infer<typeof auditVerifyOut>;
