import { AppError, errorSchema, loginBody, loginResult, setPasswordBody, userOut } from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { principalOf, SESSION_COOKIE } from '../../http/access.ts';
import { setOwnPassword } from '../users/accounts.service.ts';
import { login, logout } from './auth.service.ts';

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: '登录',
          body: loginBody,
          response: { 200: loginResult, 401: errorSchema, 429: errorSchema },
        },
      },
      async (req, reply) => {
        const result = await login(ctx, {
          username: req.body.username,
          password: req.body.password,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
        }).catch((err: unknown) => {
          const wait =
            err instanceof AppError ? (err.details as { retryAfterSeconds?: number })?.retryAfterSeconds : 0;
          if (wait) reply.header('retry-after', String(wait));
          throw err;
        });
        reply.setCookie(SESSION_COOKIE, result.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: ctx.config.cookieSecure,
          maxAge: ctx.config.sessionMaxDays * 86_400,
        });
        return result;
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['auth'], summary: '退出登录', response: { 204: z.null() } },
      },
      async (req, reply) => {
        await logout(ctx, principalOf(req), req.ip);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/auth/me',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['auth'], summary: '当前用户', response: { 200: userOut } },
      },
      async (req) => {
        const p = principalOf(req);
        return {
          id: p.userId,
          username: p.username,
          displayName: p.displayName,
          roles: p.roles,
          personId: p.personId,
          mustChangePassword: !!p.mustChangePassword,
        };
      },
    );

    app.post(
      '/auth/password',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: '设置本人密码（一次性登录码登录后必须先设置；其他会话随之结束）',
          body: setPasswordBody,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        const p = principalOf(req);
        await setOwnPassword(ctx, { userId: p.userId, name: p.username, ip: req.ip }, p.sessionId, req.body);
        return reply.status(204).send(null);
      },
    );
  };
}
