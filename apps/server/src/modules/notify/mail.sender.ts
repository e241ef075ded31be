import { createTransport } from 'nodemailer';
import { type AppContext, SYSTEM_ACTOR, type Tx } from '../../context.ts';
import type { MailOutboxTable } from '../../db/schema.ts';
import { audited } from '../audit/audited.ts';
import { renderAttachments } from './mail.attachments.ts';
import * as repo from './mail.repository.ts';

/** Wait before attempt n+1 after n failures; the last failure marks the mail failed. */
export const RETRY_DELAYS_MS = [
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3600_000,
  6 * 3600_000,
  12 * 3600_000,
  24 * 3600_000,
];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** How long a claimed mail is reserved for its sender before another may take it over. */
const LEASE_MS = 10 * 60_000;
const BATCH = 20;

export interface OutgoingMessage {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

/** What actually talks SMTP; a seam so a test can stand in another transport. */
export type MailTransport = (m: OutgoingMessage) => Promise<void>;

export interface DrainResult {
  configured: boolean;
  sent: number;
  retried: number;
  failed: number;
}

export interface MailSender {
  readonly configured: boolean;
  /** Sends every mail that is due now, until none is left; safe to run on many instances at once. */
  drain(): Promise<DrainResult>;
  close(): void;
}

/** The sender address: the configured one, else the SMTP login when it is an address. */
export function senderAddress(smtpUrl: string, mailFrom: string | null): string {
  if (mailFrom) return mailFrom;
  const user = decodeURIComponent(new URL(smtpUrl).username);
  return user.includes('@') ? `暗访核查平台 <${user}>` : `暗访核查平台 <ancha@${new URL(smtpUrl).hostname}>`;
}

export function smtpTransport(smtpUrl: string): { send: MailTransport; close(): void } {
  const transporter = createTransport({
    url: smtpUrl,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
  });
  return {
    async send(m) {
      await transporter.sendMail({ ...m, messageId: m.messageId });
    },
    close: () => transporter.close(),
  };
}

/** Text for last_error: the SMTP server's reply when there is one, short enough for a table cell. */
function errorText(err: unknown): string {
  const e = err as { response?: string; code?: string; message?: string };
  const text = e.response ?? (e.code ? `${e.code}: ${e.message ?? ''}` : (e.message ?? String(err)));
  return text.slice(0, 1000);
}

/**
 * The outbox worker. Without ANCHA_SMTP_URL it does nothing: mails wait, pending, until a
 * server is configured, and the console says how many are waiting.
 */
export function createMailSender(ctx: AppContext, opts: { transport?: MailTransport } = {}): MailSender {
  const url = ctx.config.smtpUrl;
  const smtp = !opts.transport && url ? smtpTransport(url) : null;
  const send = opts.transport ?? smtp?.send ?? null;
  const from = url ? senderAddress(url, ctx.config.mailFrom) : (ctx.config.mailFrom ?? 'ancha@localhost');

  /** A mail's final outcome (sent, or given up) is recorded with the settle, in one transaction. */
  async function settleAudited(row: MailOutboxTable, action: string, settle: (tx: Tx) => Promise<unknown>) {
    await audited(ctx, SYSTEM_ACTOR, async ({ tx, audit }) => {
      await settle(tx);
      await audit({
        action,
        entity: 'mail',
        entityId: row.id,
        data: {
          kind: row.kind,
          refId: row.ref_id,
          to: row.to_address,
          subject: row.subject,
          attempts: row.attempts,
        },
      });
    });
  }

  async function deliver(row: MailOutboxTable, token: string, r: DrainResult) {
    const now = () => ctx.now().toISOString();
    try {
      const attachments = await renderAttachments(ctx, { id: row.id, json: row.attachments });
      await send!({
        // Stable per outbox row, so a receiving server can drop the copy of a send whose settle was lost.
        messageId: `<${row.id}@ancha.mail>`,
        from,
        to: row.to_address,
        subject: row.subject,
        text: row.body_text,
        attachments,
      });
      await settleAudited(row, 'mail.sent', async (tx) =>
        repo.settleMail(tx, row.id, token, {
          status: 'sent',
          sent_at: now(),
          next_attempt_at: now(),
          last_error: null,
        }),
      );
      r.sent++;
    } catch (err) {
      const last = row.attempts >= MAX_ATTEMPTS;
      const next = new Date(ctx.now().getTime() + (RETRY_DELAYS_MS[row.attempts - 1] ?? 0)).toISOString();
      if (last) {
        await settleAudited(row, 'mail.failed', async (tx) =>
          repo.settleMail(tx, row.id, token, { status: 'failed', last_error: errorText(err) }),
        );
      } else {
        // A retry is transient and not a fact worth the audit log; the outcome is.
        await repo.settleMail(ctx.db, row.id, token, { next_attempt_at: next, last_error: errorText(err) });
      }
      if (last) r.failed++;
      else r.retried++;
    }
  }

  return {
    configured: send !== null,
    async drain() {
      const r: DrainResult = { configured: send !== null, sent: 0, retried: 0, failed: 0 };
      if (!send) return r;
      const seen = new Set<string>();
      for (;;) {
        const due = (await repo.dueMails(ctx.db, ctx.now().toISOString(), BATCH)).filter(
          (d) => !seen.has(d.id),
        );
        if (due.length === 0) return r;
        for (const d of due) {
          seen.add(d.id); // one attempt per mail per drain, even when a failure makes it due again at once
          const token = new Date(ctx.now().getTime() + LEASE_MS).toISOString();
          const row = await repo.claimMail(ctx.db, d.id, d.next_attempt_at, token);
          if (row) await deliver(row, token, r);
        }
      }
    },
    close() {
      smtp?.close();
    },
  };
}
