import {
  type AnyDomainEvent,
  type AnyLiveMessage,
  bureauCovers,
  liveStream,
  type RoleBinding,
} from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/access.ts';
import { fieldScopeOf, inScope } from '../teams/field.policy.ts';

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
 * the subscriber's bindings before it is written. Clients refetch what they show when they
 * reconnect.
 */
export function liveRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Open streams are ended when the server closes, so shutdown does not wait on them.
    const open = new Set<() => void>();
    app.addHook('onClose', async () => {
      for (const end of open) end();
    });
    app.get(
      '/live',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['live'], summary: '实时动态（SSE，按权限范围推送）', response: { 200: liveStream } },
      },
      async (req, reply) => {
        const roles = principalOf(req).roles;
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write(`retry: 5000\nevent: ready\ndata: {}\n\n`);
        let seq = 0;
        const unsubscribe = ctx.events.subscribe((ev) => {
          if (!hears(roles, ev)) return;
          res.write(`id: ${++seq}\nevent: ${ev.type}\ndata: ${JSON.stringify(messageOf(ev))}\n\n`);
        });
        const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
        const close = () => {
          clearInterval(heartbeat);
          unsubscribe();
          open.delete(end);
        };
        const end = () => {
          close();
          res.end();
        };
        open.add(end);
        req.raw.on('close', close);
      },
    );
  };
}
