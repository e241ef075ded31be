import { listOf, taskOut, taskQuery } from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/access.ts';
import { listTasks } from './tasks.service.ts';

export function tasksRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/tasks',
      {
        config: { access: 'tasks.read' },
        schema: {
          tags: ['tasks'],
          summary: '核查组任务（回头看等），按权限范围：省厅看全部，核查组看本组',
          querystring: taskQuery,
          response: { 200: listOf(taskOut) },
        },
      },
      async (req) => ({ items: await listTasks(ctx, principalOf(req).roles, req.query) }),
    );
  };
}
