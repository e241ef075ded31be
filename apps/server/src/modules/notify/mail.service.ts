import { AppError, cityOf } from '@ancha/core';
import type { Actor, AppContext } from '../../context.ts';
import type { MailOutboxTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { decodeCursor, encodeCursor } from '../../pagination.ts';
import { audited } from '../audit/audited.ts';
import { findDivision, listDivisions } from '../org/org.service.ts';
import * as repo from './mail.repository.ts';

export interface MailAttachmentRef {
  filename: string;
  /** The document kind to render at send time (the platform's document registry): never stored twice. */
  source: string;
  refId: string;
}

/** Queues a mail in the caller's write; the sender delivers it after commit, with retries. */
export async function enqueueMail(
  ctx: AppContext,
  m: {
    kind: string;
    refId: string | null;
    to: string;
    subject: string;
    text: string;
    attachments?: MailAttachmentRef[];
  },
): Promise<string> {
  const now = ctx.now().toISOString();
  const id = newId();
  await repo.insertMail(ctx.db, {
    id,
    kind: m.kind,
    ref_id: m.refId,
    to_address: m.to,
    subject: m.subject,
    body_text: m.text,
    attachments: JSON.stringify(m.attachments ?? []),
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    last_error: null,
    created_at: now,
    sent_at: null,
  });
  return id;
}

/** The mailbox a division's bureau receives mail at; a county without one falls back to its city's. */
export async function mailboxFor(ctx: AppContext, divisionCode: string): Promise<string | null> {
  const own = await repo.findMailbox(ctx.db, divisionCode);
  if (own) return own.email;
  return (await repo.findMailbox(ctx.db, cityOf(divisionCode)))?.email ?? null;
}

/** Whether a mail of `kind` about `refId` was ever queued (one-off notices). */
export async function mailQueued(ctx: AppContext, kind: string, refId: string): Promise<boolean> {
  return repo.mailExists(ctx.db, kind, refId);
}

function present(r: MailOutboxTable) {
  const attachments = JSON.parse(r.attachments) as MailAttachmentRef[];
  return {
    id: r.id,
    kind: r.kind,
    refId: r.ref_id,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    attachments: attachments.map((a) => ({ filename: a.filename })),
  };
}

function beforeOf(cursor?: string) {
  const c = decodeCursor(cursor);
  return c ? { createdAt: c.at, id: c.id } : undefined;
}

/** The outbox for the console: the page asked for, and the counts behind “未配置邮件服务器，N 封邮件待发送”. */
export async function listOutbox(
  ctx: AppContext,
  q: { status?: repo.MailStatus; cursor?: string; limit: number },
) {
  const rows = await repo.listOutbox(ctx.db, {
    status: q.status,
    before: beforeOf(q.cursor),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const counts = await repo.countByStatus(ctx.db);
  return {
    items: page.map(present),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.created_at, last.id) : undefined,
    smtpConfigured: ctx.config.smtpUrl !== null,
    pending: counts.pending,
    failed: counts.failed,
  };
}

/** Puts a failed mail back in line with a fresh retry budget (after the mailbox or server was fixed). */
export async function retryMail(ctx: AppContext, actor: Actor, id: string) {
  return audited(ctx, actor, async ({ tx, audit }) => {
    const row = await repo.findMail(tx, id);
    if (!row) throw new AppError('not_found', '邮件不存在');
    if (row.status === 'sent') throw new AppError('conflict', '该邮件已发送，无需重发');
    await repo.requeueMail(tx, id, ctx.now().toISOString());
    await audit({
      action: 'mail.retry',
      entity: 'mail_outbox',
      entityId: id,
      data: { to: row.to_address, subject: row.subject, status: row.status },
    });
    return present((await repo.findMail(tx, id))!);
  });
}

/**
 * Mailboxes of the bureaus: every city-level bureau (济源 included), or with `parent` that
 * city's counties. A county without its own address receives at its city's (`inherited`).
 */
export async function listMailboxes(ctx: AppContext, q: { parent?: string }) {
  const divisions = q.parent
    ? await listDivisions(ctx, { parent: q.parent })
    : await listDivisions(ctx, { level: 'city' });
  const boxes = new Map((await repo.listMailboxes(ctx.db)).map((b) => [b.division_code, b]));
  return divisions
    .filter((d) => d.level !== 'province')
    .map((d) => {
      const own = boxes.get(d.code);
      const city = d.level === 'county' ? boxes.get(cityOf(d.code)) : undefined;
      return {
        divisionCode: d.code,
        divisionName: d.name,
        level: d.level,
        email: own?.email ?? null,
        updatedAt: own?.updated_at ?? null,
        inherited: !own && city ? { divisionCode: city.division_code, email: city.email } : null,
      };
    });
}

/** Sets (or with `null` removes) a bureau's handover mailbox. */
export async function setMailbox(ctx: AppContext, actor: Actor, divisionCode: string, email: string | null) {
  const division = await findDivision(ctx, divisionCode);
  if (!division || division.level === 'province') throw new AppError('not_found', '地市或区县不存在');
  const at = ctx.now().toISOString();
  await audited(ctx, actor, async ({ tx, audit }) => {
    const before = (await repo.findMailbox(tx, divisionCode))?.email ?? null;
    if (email) await repo.upsertMailbox(tx, divisionCode, email, at);
    else await repo.deleteMailbox(tx, divisionCode);
    await audit({
      action: 'bureau_mailbox.set',
      entity: 'bureau_mailbox',
      entityId: divisionCode,
      data: { from: before, to: email },
    });
  });
  return {
    divisionCode,
    divisionName: division.name,
    level: division.level,
    email,
    updatedAt: email ? at : null,
  };
}
