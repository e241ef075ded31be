import {
  type AnyDomainEvent,
  type AnyLiveMessage,
  AppError,
  bureauCovers,
  isInternalEvent,
  liveStream,
  type RoleBinding,
} from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/access.ts';
import { fieldScopeOf, inScope } from '../teams/field.policy.ts';
import { LiveStreams } from './live.streams.ts';

const HEARTBEAT_MS = 25_000;

/**
 * Whether a subscriber's bindings let them hear an event, each binding judged on its own: a
 * provincial or group binding through the event's groups, a bureau binding only through a
 * handover addressed to its division. Bureau and dispatching-city bindings hear no field work.
 */
export function hears(roles: readonly RoleBinding[], ev: AnyDomainEvent): boolean {
  const scope = fieldScopeOf(roles);
  if (ev.audience.groupIds.some((g) => inScope(scope, g))) return true;
  const addressed = ev.audience.bureauDivisionCode;
  return (
    !!addressed &&
    roles.some((r) => r.role === 'bureau' && !!r.divisionCode && bureauCovers(r.divisionCode, addressed))
  );
}

/** What leaves the server for an event: never its audience, nor the campaign of a bureau's problem. */
function messageOf(ev: AnyDomainEvent): AnyLiveMessage {
  return { type: ev.type, at: ev.at, data: ev.data } as AnyLiveMessage;
}

/**
 * GET /live — server-sent events within the caller's scope. Every event is checked against
 * the subscriber's bindings before it is written, and the stream lives only as long as the
 * session that opened it (live.streams.ts). Clients refetch what they show when they reconnect.
 */
export function liveRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const streams = new LiveStreams(ctx, (err) => app.log.warn({ err }, 'live: session re-check failed'));
    // Open streams are ended when the server closes, so shutdown does not wait on them.
    app.addHook('onClose', async () => streams.close());
    app.get(
      '/live',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['live'], summary: '实时动态（SSE，按权限范围推送）', response: { 200: liveStream } },
      },
      async (req, reply) => {
        const principal = principalOf(req);
        const roles = principal.roles;
        const res = reply.raw;
        let unsubscribe = () => {};
        let heartbeat: NodeJS.Timeout | undefined;
        const stream = await streams.add({
          sessionId: principal.sessionId,
          roles,
          end: () => {
            clearInterval(heartbeat);
            unsubscribe();
            res.end();
          },
        });
        if (!stream) throw new AppError('session_expired', '登录已过期，请重新登录');
        reply.hijack();
        if (res.writableEnded) return; // ended by a revocation while it was being registered
        // The security headers set on the raw response at onRequest are kept by writeHead.
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write(`retry: 5000\nevent: ready\ndata: {}\n\n`);
        let seq = 0;
        unsubscribe = ctx.events.subscribe((ev) => {
          if (isInternalEvent(ev.type) || !hears(roles, ev)) return;
          const message = JSON.stringify(messageOf(ev));
          streams.deliver(stream, () => res.write(`id: ${++seq}\nevent: ${ev.type}\ndata: ${message}\n\n`));
        });
        heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
        req.raw.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
          streams.remove(stream);
        });
      },
    );
  };
}
