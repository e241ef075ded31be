import { errorSchema, idParams, inspectionBody, inspectionOut, inspectionQuery, listOf } from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { fieldScopeOf } from '../teams/field.policy.ts';
import { createInspection, getInspection, listInspections } from './inspections.service.ts';

export function inspectionsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/inspections',
      {
        config: { access: 'field.record' },
        schema: {
          tags: ['inspections'],
          summary: '提交检查记录（客户端生成 id：同 id 同内容返回原记录，同 id 不同内容 409）',
          body: inspectionBody,
          response: { 200: inspectionOut, 201: inspectionOut, 409: errorSchema },
        },
      },
      async (req, reply) => {
        const { inspection, created } = await createInspection(
          ctx,
          actorFrom(req),
          principalOf(req),
          req.body,
        );
        return reply.status(created ? 201 : 200).send(inspection);
      },
    );

    app.get(
      '/inspections',
      {
        config: { access: 'field.read' },
        schema: {
          tags: ['inspections'],
          summary: '检查记录列表',
          querystring: inspectionQuery,
          response: { 200: listOf(inspectionOut) },
        },
      },
      async (req) => listInspections(ctx, req.query, fieldScopeOf(principalOf(req).roles)),
    );

    app.get(
      '/inspections/:id',
      {
        config: { access: 'field.read' },
        schema: {
          tags: ['inspections'],
          summary: '检查记录详情（含证据）',
          params: idParams,
          response: { 200: inspectionOut },
        },
      },
      async (req) => getInspection(ctx, req.params.id, fieldScopeOf(principalOf(req).roles)),
    );
  };
}
