import { divisionOut, divisionsQuery, listOf } from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { listDivisions } from './org.service.ts';

export function orgRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/divisions',
      {
        // Division codes are public (GB/T 2260); any signed-in user may browse them.
        config: { access: 'authenticated' },
        schema: {
          tags: ['org'],
          summary: '行政区划（GB/T 2260，河南省）',
          querystring: divisionsQuery,
          response: { 200: listOf(divisionOut) },
        },
      },
      async (req) => ({ items: await listDivisions(ctx, req.query) }),
    );
  };
}
