import { auditEntryOut, auditQuery, auditVerifyOut, listOf } from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { listEntries } from './audit.repository.ts';
import { verifyAuditChain } from './audit.service.ts';

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        config: { access: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: '审计日志（新→旧）',
          querystring: auditQuery,
          response: { 200: listOf(auditEntryOut) },
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
          response: { 200: auditVerifyOut },
        },
      },
      async () => verifyAuditChain(ctx),
    );
  };
}
