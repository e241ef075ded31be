import { divisionOut, listOf } from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
          querystring: z.object({
            parent: z
              .string()
              .regex(/^\d{2}(\d{2}(\d{2})?)?$/, '上级代码应为2、4或6位数字')
              .optional(),
            level: z.enum(['province', 'city', 'county']).optional(),
          }),
          response: { 200: listOf(divisionOut) },
        },
      },
      async (req) => ({ items: await listDivisions(ctx, req.query) }),
    );
  };
}
