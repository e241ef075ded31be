import { DASHBOARD_PANELS, dashboardPanelSchemas, dashboardQuery } from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/access.ts';
import { fieldScopeOf } from '../teams/field.policy.ts';
import { loadPanel } from './panels.ts';

/** GET /dashboard/<panel>: one read model per panel of the command room, in the caller's scope. */
export function dashboardRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    for (const panel of DASHBOARD_PANELS) {
      app.get(
        `/dashboard/${panel.key}`,
        {
          config: { access: 'dashboard.read' },
          schema: {
            tags: ['dashboard'],
            summary: `指挥大屏：${panel.title}`,
            querystring: dashboardQuery,
            response: { 200: dashboardPanelSchemas[panel.key] },
          },
        },
        async (req) => loadPanel(ctx, panel.key, req.query, fieldScopeOf(principalOf(req).roles)),
      );
    }
  };
}
