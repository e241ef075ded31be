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
  const own = await tx
    .selectFrom('bureau_mailboxes')
    .select('email')
    .where('division_code', '=', divisionCode)
    .executeTakeFirst();
  if (own) return own.email;
  const city = await tx
    .selectFrom('bureau_mailboxes')
    .select('email')
    .where('division_code', '=', cityOf(divisionCode))
    .executeTakeFirst();
  return city?.email ?? null;
}

export async function enqueueMail(
  ctx: AppContext,
  tx: Tx,
  m: {
    kind: string;
    refId: string | null;
    to: string;
    subject: string;
    text: string;
    attachments?: MailAttachmentRef[];
  },
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
export async function enqueueHandoverMail(
  ctx: AppContext,
  tx: Tx,
  h: HandoversTable,
  divisionName: string,
): Promise<boolean> {
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

export type DeadlineNotice = 'handover_reminder' | 'handover_overdue';

/** 催办: the day before a handover's deadline, and once more the day after it passed without feedback. */
export async function enqueueDeadlineMail(
  ctx: AppContext,
  tx: Tx,
  kind: DeadlineNotice,
  h: Pick<HandoversTable, 'id' | 'number' | 'deadline'>,
  divisionName: string,
  to: string,
) {
  const due = kind === 'handover_reminder';
  const link = ctx.config.publicUrl ? `平台地址：${ctx.config.publicUrl.replace(/\/$/, '')}/` : null;
  await enqueueMail(ctx, tx, {
    kind,
    refId: h.id,
    to,
    subject: due
      ? `【催办】环境问题交办单${h.number}将于${h.deadline}到期`
      : `【逾期提醒】环境问题交办单${h.number}已逾期未反馈`,
    text: [
      `${divisionName}生态环境局：`,
      '',
      due
        ? `交办单 ${h.number} 的整改反馈期限为 ${h.deadline}（明天），平台尚未收到你局的查处整改情况反馈。请抓紧办理，按期登录暗访核查平台反馈。`
        : `交办单 ${h.number} 的整改反馈期限 ${h.deadline} 已过，平台仍未收到你局的查处整改情况反馈。请立即登录暗访核查平台反馈，逾期情况将报指挥调度组。`,
      ...(link ? ['', link] : []),
      '',
      '省生态环境厅暗访核查指挥调度组',
    ].join('\n'),
  });
}
