import type { AppContext } from '../../context.ts';
import type { HandoversTable } from '../../db/schema.ts';
import { enqueueMail, mailboxFor } from '../notify/mail.service.ts';

/** The document kind the mail sender renders for a handover's attachment. */
export const HANDOVER_DOCX = 'handover_docx';

/** On handover: the 交办单 goes to the bureau's mailbox, in the same write as the handover. */
export async function enqueueHandoverMail(
  ctx: AppContext,
  h: HandoversTable,
  divisionName: string,
): Promise<boolean> {
  const to = await mailboxFor(ctx, h.bureau_division_code);
  if (!to) return false;
  await enqueueMail(ctx, {
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
    attachments: [{ filename: `${h.number}.docx`, source: HANDOVER_DOCX, refId: h.id }],
  });
  return true;
}

export type DeadlineNotice = 'handover_reminder' | 'handover_overdue';

/** 催办: the day before a handover's deadline, and once more the day after it passed without feedback. */
export async function enqueueDeadlineMail(
  ctx: AppContext,
  kind: DeadlineNotice,
  h: Pick<HandoversTable, 'id' | 'number' | 'deadline'>,
  divisionName: string,
  to: string,
) {
  const due = kind === 'handover_reminder';
  const link = ctx.config.publicUrl ? `平台地址：${ctx.config.publicUrl.replace(/\/$/, '')}/` : null;
  await enqueueMail(ctx, {
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
