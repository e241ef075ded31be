import { alertOut, alertQuery, createAlertBody, idParams, listOf } from '@ancha/core';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { endAlert, issueAlert, listAlerts } from './alerts.service.ts';
import type { DispatchApp } from './dispatch.routes.ts';

export function alertRoutes(ctx: AppContext, app: DispatchApp) {
  app.post(
    '/alerts',
    {
      config: { access: 'dispatch.command' },
      schema: {
        tags: ['dispatch'],
        summary: '发布污染天气预警（级别、范围、起止时间）：期间该地检查优先应急管控',
        body: createAlertBody,
        response: { 201: alertOut },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return issueAlert(ctx, actorFrom(req), principalOf(req).displayName, req.body);
    },
  );

  app.post(
    '/alerts/:id/end',
    {
      config: { access: 'dispatch.command' },
      schema: {
        tags: ['dispatch'],
        summary: '解除预警（结束时间改为现在）',
        params: idParams,
        response: { 200: alertOut },
      },
    },
    async (req) => endAlert(ctx, actorFrom(req), req.params.id),
  );

  app.get(
    '/alerts',
    {
      config: { access: 'dispatch.read' },
      schema: {
        tags: ['dispatch'],
        summary: '污染天气预警（active=true：当前生效的），含期间该范围内的检查数和应急管控检查数',
        querystring: alertQuery,
        response: { 200: listOf(alertOut) },
      },
    },
    async (req) => ({ items: await listAlerts(ctx, req.query) }),
  );
}
