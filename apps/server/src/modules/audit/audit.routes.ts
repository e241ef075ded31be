import { listOf } from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { listEntries } from './audit.repository.ts';
import { verifyAuditChain } from './audit.service.ts';

const entryOut = z.object({
  seq: z.number(),
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  data: z.unknown(),
  ip: z.string().nullable(),
});

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        config: { access: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: '审计日志（新→旧）',
          querystring: z.object({
            entity: z.string().max(64).optional(),
            entityId: z.string().max(64).optional(),
            actorId: z.string().max(64).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
            cursor: z.coerce.number().int().min(1).optional(),
          }),
          response: { 200: listOf(entryOut) },
        },
      },
      async (req) => {
        const q = req.query;
        const rows = await listEntries(ctx.db, { ...q, beforeSeq: q.cursor, limit: q.limit + 1 });
        const page = rows.slice(0, q.limit);
        return {
          items: page.map((r) => ({
            seq: r.seq,
            id: r.id,
            at: r.at,
            actorId: r.actor_id,
            actorName: r.actor_name,
            action: r.action,
            entity: r.entity,
            entityId: r.entity_id,
            data: JSON.parse(r.data),
            ip: r.ip,
          })),
          nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.seq) : undefined,
        };
      },
    );

    app.get(
      '/audit/verify',
      {
        config: { access: 'audit.verify' },
        schema: {
          tags: ['audit'],
          summary: '校验审计日志哈希链',
          response: {
            200: z.object({
              ok: z.boolean(),
              checked: z.number(),
              firstBroken: z.object({ seq: z.number(), id: z.string(), reason: z.string() }).optional(),
            }),
          },
        },
      },
      async () => verifyAuditChain(ctx),
    );
  };
}
