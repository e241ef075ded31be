import { errorSchema, idParams, listOf, problemOut, problemQuery, transitionBody } from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { problemAttachmentRoutes } from './problems.attach.routes.ts';
import { getProblem, listProblems } from './problems.service.ts';
import { applyTransition } from './problems.transitions.ts';

export function problemsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/problems',
      {
        config: { access: 'problems.read' },
        schema: {
          tags: ['problems'],
          summary: '问题清单（按权限范围；属地局仅见已交办给本局的）',
          querystring: problemQuery,
          response: { 200: listOf(problemOut) },
        },
      },
      async (req) => listProblems(ctx, req.query, principalOf(req).roles),
    );

    app.get(
      '/problems/:id',
      {
        config: { access: 'problems.read' },
        schema: {
          tags: ['problems'],
          summary: '问题详情（state 与调用者可执行的 allowedActions）',
          params: idParams,
          response: { 200: problemOut },
        },
      },
      async (req) => getProblem(ctx, req.params.id, principalOf(req).roles),
    );

    app.post(
      '/problems/:id/transitions',
      {
        config: { access: 'problems.act' },
        schema: {
          tags: ['problems'],
          summary: '推进问题处置流程（非法操作返回 409，附当前状态与可执行操作）',
          params: idParams,
          body: transitionBody,
          response: { 200: problemOut, 409: errorSchema },
        },
      },
      async (req) =>
        applyTransition(
          ctx,
          { actor: actorFrom(req), roles: principalOf(req).roles },
          req.params.id,
          req.body,
        ),
    );

    await app.register(problemAttachmentRoutes(ctx));
  };
}
