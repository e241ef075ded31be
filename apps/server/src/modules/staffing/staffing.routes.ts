import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { nominationsRoutes } from './nominations.routes.ts';
import { roundPeopleRoutes } from './roundPeople.routes.ts';

/** Staffing a round: nominations and notices, the planner, roster changes, accounts, integrity, safety. */
export function staffingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Registered inside this plugin: only the nomination import here accepts multipart bodies.
    await app.register(fastifyMultipart, {
      limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 5, parts: 6 },
    });
    await app.register(nominationsRoutes(ctx));
    await app.register(roundPeopleRoutes(ctx));
  };
}
