import { AppError, findBadText, TEXT_PROBLEM_MESSAGES } from '@ancha/core';
import type { FastifyInstance } from 'fastify';

/**
 * Every string a request carries — JSON body (keys too), query, path parameters — must be
 * text the platform can store (core `findBadText`: no lone surrogates, no NUL); anything
 * else is a 400 before validation or a handler sees it. One hook for every route, so no
 * field can be forgotten. Multipart fields and tus metadata are checked by their readers.
 */
export function registerStorableText(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    for (const [where, value] of [
      ['body', req.body],
      ['querystring', req.query],
      ['params', req.params],
    ] as const) {
      const bad = findBadText(value);
      if (bad) throw badTextError(where, bad.path, TEXT_PROBLEM_MESSAGES[bad.problem]);
    }
  });
}

export function badTextError(where: string, path: string, message: string): AppError {
  const at = [where, path].filter(Boolean).join('.');
  return new AppError('validation_failed', `请求参数有误：${at}: ${message}`, {
    issues: [{ path: at, message }],
  });
}
