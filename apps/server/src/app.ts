import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from './context.ts';
import { registerAccess } from './http/access.ts';
import { registerErrorHandling, sendNotFound } from './http/errors.ts';
import { jobsRoutes } from './jobs/jobs.routes.ts';
import { liveRoutes } from './live/live.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { campaignRoutes } from './modules/campaign/campaign.routes.ts';
import { documentsRoutes } from './modules/documents/documents.routes.ts';
import { inspectionsRoutes } from './modules/inspections/inspections.routes.ts';
import { mediaRoutes } from './modules/media/media.routes.ts';
import { notifyRoutes } from './modules/notify/notify.routes.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { peopleRoutes } from './modules/people/people.routes.ts';
import { problemAttachmentRoutes } from './modules/problems/problems.attachments.ts';
import { problemsRoutes } from './modules/problems/problems.routes.ts';
import { sitesRoutes } from './modules/sites/sites.routes.ts';
import { teamsRoutes } from './modules/teams/teams.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';

export const VERSION = '0.1.0';

/** Builds the HTTP app without listening, so tests drive it with inject() or a real port. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: ctx.config.logLevel === 'silent' ? false : { level: ctx.config.logLevel },
    trustProxy: true,
    // Live streams and keep-alive sockets must not hold a shutdown open.
    forceCloseConnections: true,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  await app.register(fastifyCookie);
  registerAccess(app, ctx);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'ancha 暗访核查平台 API', version: VERSION },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      api.get(
        '/health',
        {
          config: { access: 'public' },
          schema: {
            tags: ['system'],
            response: {
              200: z.object({
                status: z.literal('ok'),
                database: z.enum(['sqlite', 'postgres']),
                version: z.string(),
              }),
            },
          },
        },
        async () => {
          await ctx.db.selectFrom('campaigns').select('id').limit(1).execute();
          return { status: 'ok' as const, database: ctx.dialect, version: VERSION };
        },
      );
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
      await api.register(authRoutes(ctx));
      await api.register(usersRoutes(ctx));
      await api.register(orgRoutes(ctx));
      await api.register(campaignRoutes(ctx));
      await api.register(auditRoutes(ctx));
      await api.register(peopleRoutes(ctx));
      await api.register(teamsRoutes(ctx));
      await api.register(sitesRoutes(ctx));
      await api.register(inspectionsRoutes(ctx));
      await api.register(mediaRoutes(ctx));
      await api.register(liveRoutes(ctx));
      await api.register(problemsRoutes(ctx));
      await api.register(documentsRoutes(ctx));
      await api.register(notifyRoutes(ctx));
      await api.register(jobsRoutes(ctx));
      await api.register(problemAttachmentRoutes(ctx));
    },
    { prefix: '/api/v1' },
  );

  await registerWeb(app, ctx);
  return app;
}

/** Serves the built console at / and the phone client at /field/, with SPA fallbacks. */
async function registerWeb(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const dist = ctx.config.webDist;
  if (!existsSync(join(dist, 'index.html'))) {
    app.log.warn({ dist }, 'web console not built; run `npm run build -w @ancha/web` (npm start does)');
    app.setNotFoundHandler(sendNotFound);
    return;
  }
  await app.register(fastifyStatic, { root: dist, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    if (path.startsWith('/api/') || req.method !== 'GET') return sendNotFound(req, reply);
    if (path.startsWith('/field') && existsSync(join(dist, 'field', 'index.html'))) {
      return reply.sendFile('field/index.html');
    }
    return reply.sendFile('index.html');
  });
}
