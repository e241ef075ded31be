import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The plugin instance each dispatch area adds its routes to. */
export type DispatchApp = Parameters<FastifyPluginAsyncZod>[0];

import { dispatchSummaryOut, dispatchSummaryQuery } from '@ancha/core';
import fastifyMultipart from '@fastify/multipart';
import type { AppContext } from '../../context.ts';
import { alertRoutes } from './alerts.routes.ts';
import { checklistRoutes } from './checklists.routes.ts';
import { clueRoutes } from './clues.routes.ts';
import { instructionRoutes } from './instructions.routes.ts';
import { dispatchSummary } from './summary.service.ts';
import { DISPATCH_FILE_LIMIT } from './upload.ts';

/** Command and dispatch (指挥调度): instructions, alerts, pushed checklists, 12369 clues, the summary. */
export function dispatchRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Registered inside this plugin: only the dispatch imports accept multipart bodies here.
    await app.register(fastifyMultipart, {
      limits: { fileSize: DISPATCH_FILE_LIMIT, files: 1, fields: 5, parts: 6 },
    });
    instructionRoutes(ctx, app);
    checklistRoutes(ctx, app);
    clueRoutes(ctx, app);
    alertRoutes(ctx, app);

    app.get(
      '/dispatch/summary',
      {
        config: { access: 'dispatch.desk' },
        schema: {
          tags: ['dispatch'],
          summary: '指挥调度概况：未确认指令（含已等待分钟数）、生效中的预警、各组超期清单事项和线索',
          querystring: dispatchSummaryQuery,
          response: { 200: dispatchSummaryOut },
        },
      },
      async (req) => dispatchSummary(ctx, req.query.campaignId),
    );
  };
}
