import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { healthOut, openapiDocumentOut } from '@ancha/core';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './context.ts';
import type { Database } from './db/database.ts';
import { registerAccess } from './http/access.ts';
import { frameworkErrorHandler, registerErrorHandling, sendNotFound } from './http/errors.ts';
import { openapiOptions, registerContractCheck } from './http/openapi.ts';
import { readWebBuildInfo, registerSecurityHeaders } from './http/securityHeaders.ts';
import { registerStorableText } from './http/storableText.ts';
import type { Jobs } from './jobs/index.ts';
import { jobsRoutes } from './jobs/jobs.routes.ts';
import { MODULES } from './modules/index.ts';

export const VERSION = '0.1.0';

/** Builds the HTTP app without listening, so tests drive it with inject() or a real port. */
export async function buildApp(
  ctx: AppContext,
  parts: { jobs: Jobs; logger: FastifyBaseLogger; database: Pick<Database, 'writeState'> },
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: parts.logger,
    // Forwarded headers only from the proxies the operator named (ANCHA_TRUST_PROXY); else the socket's address.
    trustProxy: ctx.config.trustProxy,
    // Live streams and keep-alive sockets must not hold a shutdown open.
    forceCloseConnections: true,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerSecurityHeaders(app, ctx.config, readWebBuildInfo(ctx.config.webDist));
  await app.register(fastifyCookie);
  registerAccess(app, ctx);
  registerStorableText(app);
  registerContractCheck(app);

  await app.register(fastifySwagger, openapiOptions(VERSION));
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      api.get(
        '/health',
        {
          config: { access: 'public' },
          schema: {
            tags: ['system'],
            summary:
              '健康检查：能读数据库即 200；writable 表示此刻能否写入（另一进程锁库、磁盘已满时为 false，并给出原因）',
            response: { 200: healthOut },
          },
        },
        async () => {
          // A database that cannot be read fails here: 503 through the error handler.
          await ctx.db.selectFrom('campaigns').select('id').limit(1).execute();
          // One that can be read but not written still serves the console's reads: 200, and says so.
          const w = await parts.database.writeState();
          return {
            status: 'ok' as const,
            database: ctx.dialect,
            version: VERSION,
            writable: w.writable,
            ...(w.writable ? {} : { writeProblem: w.reason }),
          };
        },
      );
      api.get(
        '/openapi.json',
        {
          config: { access: 'public' },
          schema: { tags: ['system'], summary: 'OpenAPI 文档', response: { 200: openapiDocumentOut } },
        },
        async () => app.swagger(),
      );
      for (const m of MODULES) if (m.routes) await api.register(m.routes(ctx));
      await api.register(jobsRoutes(ctx, parts.jobs));
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
