import type { DomainEvent } from '@ancha/core';
import type { AppContext } from '../../context.ts';
import { type EvidenceNotice, robotPayload, warningPayload, webhookKindOf } from './webhook.message.ts';

const RETRY_DELAYS_MS = [1_000, 5_000, 25_000];

export interface Forwarder {
  /** Resolves when every delivery started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
  stop(): void;
}

/**
 * Forwards suspected-violation evidence to the work group's WeCom or DingTalk robot, as the
 * plan asks teams to post evidence on the spot. Best effort with retries: ancha itself stays
 * the record, the robot is a copy for the people in the group chat.
 */
export function startWebhookForwarder(
  ctx: AppContext,
  log: { warn: (o: object, m: string) => void },
): Forwarder | null {
  const url = ctx.config.webhookUrl;
  if (!url) return null;
  const kind = webhookKindOf(url, ctx.config.webhookKind);
  const pending = new Set<Promise<void>>();

  async function deliver(body: unknown) {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(url!, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
        const answer = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
        if (res.ok && (answer.errcode === undefined || answer.errcode === 0)) return;
        throw new Error(`HTTP ${res.status} ${answer.errmsg ?? ''}`);
      } catch (err) {
        if (attempt >= RETRY_DELAYS_MS.length) {
          log.warn({ err: String(err) }, 'webhook delivery failed after retries');
          return;
        }
        await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt]));
      }
    }
  }

  // The event carries what the message needs: no re-reading of the record per photo.
  async function onEvidence(ev: DomainEvent<'evidence.added'>) {
    const { inspection: record, ...evidence } = ev.data;
    if (record.outcome !== 'suspected_violation') return;
    const notice: EvidenceNotice = {
      inspectionId: record.id,
      groupNumber: record.groupNumber,
      teamNumber: record.teamNumber,
      inspectors: record.inspectors,
      siteName: record.site.name,
      siteAddress: record.site.address,
      divisionName: record.site.divisionName,
      category: record.category,
      outcome: record.outcome,
      problems: record.problems,
      startedAt: record.startedAt,
      evidenceKind: evidence.kind,
      capturedAt: evidence.capturedAt,
      link: ctx.config.publicUrl
        ? `${ctx.config.publicUrl.replace(/\/$/, '')}/inspections/${record.id}`
        : null,
    };
    await deliver(robotPayload(kind, notice));
  }

  const off = ctx.events.onLocal('evidence.added', (ev) => {
    const p = onEvidence(ev).catch((err) => log.warn({ err: String(err) }, 'webhook forwarding failed'));
    pending.add(p);
    p.finally(() => pending.delete(p));
  });
  // The 19:00 warning reaches the group's chat too: what is still missing before 20:00.
  const offWarning = ctx.events.onLocal('reports.daily_warning', (ev) => {
    const p = deliver(warningPayload(kind, ev.data)).catch((err) =>
      log.warn({ err: String(err) }, 'webhook forwarding failed'),
    );
    pending.add(p);
    p.finally(() => pending.delete(p));
  });
  return {
    async idle() {
      while (pending.size) await Promise.all([...pending]);
    },
    stop() {
      off();
      offWarning();
    },
  };
}
