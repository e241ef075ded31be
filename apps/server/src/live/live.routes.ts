import { bureauCovers } from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { principalOf } from '../http/access.ts';
import { fieldScopeOf, inScope } from '../modules/teams/field.policy.ts';
import type { LiveEvent } from './bus.ts';

const HEARTBEAT_MS = 25_000;

/**
 * GET /live — server-sent events within the caller's scope. Every event is checked against
 * the subscriber's scope before it is written: bureau and dispatching-city users receive no
 * field events at all. Clients refetch what they show when they reconnect.
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
        schema: { tags: ['live'], summary: '实时动态（SSE，按权限范围推送）', hide: false },
      },
      async (req, reply) => {
        const roles = principalOf(req).roles;
        const scope = fieldScopeOf(roles);
        const bureaus = roles
          .filter((r) => r.role === 'bureau' && r.divisionCode)
          .map((r) => r.divisionCode!);
        const visible = (ev: LiveEvent) =>
          inScope(scope, ev.groupId) ||
          (ev.extraGroupIds ?? []).some((g) => inScope(scope, g)) ||
          (!!ev.bureau && bureaus.some((b) => bureauCovers(b, ev.bureau!.divisionCode)));
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
        const unsubscribe = ctx.live.subscribe((ev) => {
          if (!visible(ev)) return;
          res.write(`id: ${++seq}\nevent: ${ev.type}\ndata: ${JSON.stringify(ev)}\n\n`);
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
