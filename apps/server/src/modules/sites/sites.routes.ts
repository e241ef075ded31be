import { errorSchema, idParams, listOf, siteBody, siteOut, siteQuery } from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { fieldScopeOf } from '../teams/field.policy.ts';
import { createSite, getSite, listSites } from './sites.service.ts';

export function sitesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/sites',
      {
        config: { access: 'field.read' },
        schema: {
          tags: ['sites'],
          summary: '点位查询（名称、信用代码、地址；或某点附近）',
          querystring: siteQuery,
          response: { 200: listOf(siteOut) },
        },
      },
      async (req) => listSites(ctx, req.query, fieldScopeOf(principalOf(req).roles)),
    );

    app.get(
      '/sites/:id',
      {
        config: { access: 'field.read' },
        schema: { tags: ['sites'], summary: '点位详情', params: idParams, response: { 200: siteOut } },
      },
      async (req) => getSite(ctx, req.params.id, fieldScopeOf(principalOf(req).roles)),
    );

    app.post(
      '/sites',
      {
        config: { access: 'sites.write' },
        schema: {
          tags: ['sites'],
          summary: '登记点位（客户端 id 幂等；疑似重复时返回 409 possible_duplicate 及候选点位）',
          body: siteBody,
          response: { 200: siteOut, 201: siteOut, 409: errorSchema },
        },
      },
      async (req, reply) => {
        const { site, created } = await createSite(
          ctx,
          actorFrom(req),
          fieldScopeOf(principalOf(req).roles),
          req.body,
        );
        return reply.status(created ? 201 : 200).send(site);
      },
    );
  };
}
