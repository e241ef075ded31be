import type { AppContext } from '../../context.ts';
import type { LiveEvent } from '../../live/bus.ts';
import { getInspection } from '../inspections/inspections.service.ts';
import { type EvidenceNotice, robotPayload, webhookKindOf } from './webhook.message.ts';

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

  async function onEvent(ev: LiveEvent) {
    if (ev.type !== 'evidence.added') return;
    const data = ev.data as {
      inspectionId: string;
      kind: 'photo' | 'video';
      capturedAt: string | null;
      outcome?: string;
    };
    const record = await getInspection(ctx, data.inspectionId, { all: true });
    if (record.outcome !== 'suspected_violation') return;
    const notice: EvidenceNotice = {
      inspectionId: record.id,
      groupNumber: record.groupNumber,
      teamNumber: record.teamNumber,
      inspectors: record.inspectors.map((i) => i.name),
      siteName: record.site.name,
      siteAddress: record.site.address,
      divisionName: record.site.divisionName ?? null,
      category: record.category,
      outcome: record.outcome,
      problems: record.problems.map((p) => p.description),
      startedAt: record.startedAt,
      evidenceKind: data.kind,
      capturedAt: data.capturedAt,
      link: ctx.config.publicUrl
        ? `${ctx.config.publicUrl.replace(/\/$/, '')}/inspections/${record.id}`
        : null,
    };
    await deliver(robotPayload(kind, notice));
  }

  const off = ctx.live.onLocalPublish((ev) => {
    const p = onEvent(ev).catch((err) => log.warn({ err: String(err) }, 'webhook forwarding failed'));
    pending.add(p);
    p.finally(() => pending.delete(p));
  });
  return {
    async idle() {
      while (pending.size) await Promise.all([...pending]);
    },
    stop: off,
  };
}
