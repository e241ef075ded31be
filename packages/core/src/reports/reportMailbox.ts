import { z } from 'zod';

/**
 * The designated mailbox(es) of the daily package (指定邮箱). The plan names one external
 * mailbox, but a command group often wants a copy in its own: one or more addresses, typed
 * separated by commas, semicolons, 、 or spaces, stored as "a@x.cn, b@y.cn" (what the mailer takes).
 */
export const MAX_REPORT_MAILBOXES = 5;

const email = z.string().email();

export function splitMailboxes(text: string): string[] {
  return text.split(/[\s,，;；、]+/).filter(Boolean);
}

export const reportMailboxSchema = z
  .string()
  .trim()
  .max(500, '邮箱地址过长')
  .transform((text, ctx) => {
    const list = splitMailboxes(text);
    if (list.length === 0) {
      ctx.addIssue({ code: 'custom', message: '请填写指定邮箱' });
      return z.NEVER;
    }
    const bad = list.find((a) => !email.safeParse(a).success);
    if (bad) {
      ctx.addIssue({ code: 'custom', message: `邮箱格式不正确：${bad}` });
      return z.NEVER;
    }
    const unique = [...new Set(list.map((a) => a.toLowerCase()))];
    if (unique.length !== list.length) {
      ctx.addIssue({ code: 'custom', message: '邮箱地址重复' });
      return z.NEVER;
    }
    if (list.length > MAX_REPORT_MAILBOXES) {
      ctx.addIssue({ code: 'custom', message: `指定邮箱最多${MAX_REPORT_MAILBOXES}个` });
      return z.NEVER;
    }
    return list.join(', ');
  });
