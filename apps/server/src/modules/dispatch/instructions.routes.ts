import {
  acknowledgeBody,
  createInstructionBody,
  errorSchema,
  idParams,
  instructionDetailOut,
  instructionOut,
  instructionQuery,
  listOf,
} from '@ancha/core';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import type { DispatchApp } from './dispatch.routes.ts';
import {
  acknowledgeInstruction,
  getInstruction,
  issueInstruction,
  listInstructions,
} from './instructions.service.ts';

export function instructionRoutes(ctx: AppContext, app: DispatchApp) {
  app.post(
    '/instructions',
    {
      config: { access: 'dispatch.command' },
      schema: {
        tags: ['dispatch'],
        summary: '下发调度指令（区域集中暗查、行业暗查等），送达所选核查组',
        body: createInstructionBody,
        response: { 201: instructionDetailOut },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      reply.code(201);
      return issueInstruction(ctx, actorFrom(req), p.displayName, req.body);
    },
  );

  app.get(
    '/instructions',
    {
      config: { access: 'dispatch.read' },
      schema: {
        tags: ['dispatch'],
        summary: '调度指令及各组确认情况（省厅看全部，核查组看下发给本组的）',
        querystring: instructionQuery,
        response: { 200: listOf(instructionOut) },
      },
    },
    async (req) => ({ items: await listInstructions(ctx, principalOf(req).roles, req.query) }),
  );

  app.get(
    '/instructions/:id',
    {
      config: { access: 'dispatch.read' },
      schema: {
        tags: ['dispatch'],
        summary: '调度指令详情：各组确认情况和据此开展的检查',
        params: idParams,
        response: { 200: instructionDetailOut },
      },
    },
    async (req) => getInstruction(ctx, principalOf(req).roles, req.params.id),
  );

  app.post(
    '/instructions/:id/acknowledgements',
    {
      config: { access: 'dispatch.acknowledge' },
      schema: {
        tags: ['dispatch'],
        summary: '核查组组长或联络员确认收到指令（重复确认不改变结果）',
        params: idParams,
        body: acknowledgeBody,
        response: { 200: instructionDetailOut, 409: errorSchema },
      },
    },
    async (req) => {
      const p = principalOf(req);
      return acknowledgeInstruction(
        ctx,
        actorFrom(req),
        { name: p.displayName, roles: p.roles },
        req.params.id,
        req.body.groupId,
      );
    },
  );
}
