import { AppError, type Capability, can } from '@ancha/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { resolveSession } from '../modules/auth/auth.service.ts';
import { actorOf, type Principal } from './principal.ts';
import { fromOwnPages } from './sameOrigin.ts';

/**
 * Who may call a route: nobody signed in, anyone signed in, or the holders of a named
 * capability (core's table, shared with the console's menu). Every /api route must declare
 * one: a route without a declaration makes the server refuse to start (deny by default).
 * Scope within a capability is applied per binding by the repositories, not here.
 */
export type Access = 'public' | 'authenticated' | Capability;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export const SESSION_COOKIE = 'ancha_session';

/** What an account signed in by one-time code may do before it sets a password. */
const PASSWORD_CHANGE_ROUTES = new Set(['/api/v1/auth/me', '/api/v1/auth/password', '/api/v1/auth/logout']);

/** The session token and how it came: a header a script set, or a cookie the browser attached. */
function tokenOf(req: FastifyRequest): { token: string; via: 'bearer' | 'cookie' } | null {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) {
    const token = h.slice(7).trim();
    return token ? { token, via: 'bearer' } : null;
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

export function registerAccess(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('principal', null);
  const publicOrigin = ctx.config.publicUrl ? new URL(ctx.config.publicUrl).origin : null;

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return; // the docs UI under /api/docs is public
    if (route.method === 'HEAD' || route.method === 'OPTIONS') return;
    if (!route.config?.access) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access (deny by default)`);
    }
  });

  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const credential = tokenOf(req);
    if (!credential) throw new AppError('unauthenticated', '请先登录');
    // A browser attaches the cookie to requests other sites make it send; a Bearer token it never does.
    if (credential.via === 'cookie' && !fromOwnPages(req, publicOrigin)) {
      throw new AppError('cross_site_request', '已拒绝来自其他网站的请求，请在暗访核查平台的页面内操作');
    }
    const principal = await resolveSession(ctx, credential.token);
    if (!principal) throw new AppError('session_expired', '登录已过期，请重新登录');
    req.principal = principal;
    if (principal.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(req.routeOptions.url ?? '')) {
      throw new AppError('password_change_required', '首次登录请先设置密码');
    }
    if (access !== 'authenticated' && !can(principal.roles, access)) {
      throw new AppError('forbidden', '没有权限执行此操作');
    }
  });
}

/** The caller of a route that requires authentication. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('unauthenticated', '请先登录');
  return req.principal;
}

export function actorFrom(req: FastifyRequest) {
  return actorOf(principalOf(req), req.ip);
}
