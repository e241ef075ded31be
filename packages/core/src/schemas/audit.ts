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

export const auditVerifyOut = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBroken: z.object({ seq: z.number(), id: z.string(), reason: z.string() }).optional(),
});
export type AuditVerifyOut = z.infer<typeof auditVerifyOut>;
