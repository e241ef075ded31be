import { cityOf } from '@ancha/core';
import type { AppContext, Tx } from '../../context.ts';
import type { HandoversTable, MailOutboxTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';

export interface MailAttachmentRef {
  filename: string;
  /** What to render at send time: the document is built from the data then, never stored twice. */
  source: 'handover_docx';
  refId: string;
}

/** The mailbox a division's bureau receives handovers at; a county without one falls back to its city's. */
export async function mailboxFor(tx: Tx, divisionCode: string): Promise<string | null> {
  const own = await tx.selectFrom('bureau_mailboxes').select('email').where('division_code', '=', divisionCode).executeTakeFirst();
  if (own) return own.email;
  const city = await tx.selectFrom('bureau_mailboxes').select('email').where('division_code', '=', cityOf(divisionCode)).executeTakeFirst();
  return city?.email ?? null;
}

export async function enqueueMail(
  ctx: AppContext,
  tx: Tx,
  m: { kind: string; refId: string | null; to: string; subject: string; text: string; attachments?: MailAttachmentRef[] },
) {
  const now = ctx.now().toISOString();
  const row: MailOutboxTable = {
    id: newId(),
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
  };
  await tx.insertInto('mail_outbox').values(row).execute();
  return row.id;
}

/** On handover: the 交办单 goes to the bureau's mailbox, in the same transaction as the handover. */
export async function enqueueHandoverMail(ctx: AppContext, tx: Tx, h: HandoversTable, divisionName: string): Promise<boolean> {
  const to = await mailboxFor(tx, h.bureau_division_code);
  if (!to) return false;
  await enqueueMail(ctx, tx, {
    kind: 'handover',
    refId: h.id,
    to,
    subject: `【环境问题交办单】${h.number}`,
    text: [
      `${divisionName}生态环境局：`,
      '',
      `现将暗访核查发现的环境问题交由你局依法查处整改（交办单编号：${h.number}），详见附件《环境问题交办单》。`,
      `请于 ${h.deadline} 前登录暗访核查平台签收并反馈查处整改情况。`,
      '',
      '省生态环境厅暗访核查指挥调度组',
    ].join('\n'),
    attachments: [{ filename: `${h.number}.docx`, source: 'handover_docx', refId: h.id }],
  });
  return true;
}
