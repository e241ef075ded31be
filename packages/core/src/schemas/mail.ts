import { z } from 'zod';
import { DIVISION_LEVELS } from '../divisions.ts';
import { divisionCode } from './common.ts';

export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const mailOut = z.object({
  id: z.string(),
  kind: z.string(),
  refId: z.string().nullable(),
  to: z.string(),
  subject: z.string(),
  status: z.enum(MAIL_STATUSES),
  attempts: z.number(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  attachments: z.array(z.object({ filename: z.string() })),
});
export type MailOut = z.infer<typeof mailOut>;

export const mailOutboxQuery = z.object({
  status: z.enum(MAIL_STATUSES).optional(),
  limit: z.coerce.number<number>().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type MailOutboxQuery = z.infer<typeof mailOutboxQuery>;

/** A page of the outbox with the counts the console shows (and whether anything can be sent at all). */
export const mailOutboxOut = z.object({
  items: z.array(mailOut),
  nextCursor: z.string().optional(),
  smtpConfigured: z.boolean(),
  pending: z.number(),
  failed: z.number(),
});
export type MailOutboxOut = z.infer<typeof mailOutboxOut>;

/** A bureau's handover mailbox; a county without one of its own uses its city's (`inherited`). */
export const bureauMailboxOut = z.object({
  divisionCode: z.string(),
  divisionName: z.string(),
  level: z.enum(DIVISION_LEVELS),
  email: z.string().nullable(),
  updatedAt: z.string().nullable(),
  inherited: z.object({ divisionCode: z.string(), email: z.string() }).nullable().optional(),
});
export type BureauMailboxOut = z.infer<typeof bureauMailboxOut>;

export const bureauMailboxesQuery = z.object({ parent: divisionCode.optional() });

/** PUT /bureau-mailboxes: `email: null` clears it. */
export const bureauMailboxBody = z.object({
  divisionCode,
  email: z.string().trim().max(254).email('邮箱地址格式不正确').nullable(),
});
export type BureauMailboxBody = z.infer<typeof bureauMailboxBody>;

/** Every mailbox of the level asked for, in one answer (18 cities, or one city's counties). */
export const bureauMailboxesOut = z.object({ items: z.array(bureauMailboxOut) });
export type BureauMailboxesOut = z.infer<typeof bureauMailboxesOut>;
