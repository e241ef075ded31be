import { mapTilesOut } from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';

export function mapRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/map/tiles',
      {
        // Whoever sees a map (今日态势, the dashboard): those who may read the fieldwork.
        config: { access: 'field.read' },
        schema: {
          tags: ['system'],
          summary: '地图底图配置（ANCHA_TILE_*，服务器启动时读取）；未配置时为 null，地图显示内置的市县界线',
          response: { 200: mapTilesOut },
        },
      },
      async () => ({ tiles: ctx.config.tiles }),
    );
  };
}
