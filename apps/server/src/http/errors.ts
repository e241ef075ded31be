import { type ApiErrorBody, AppError, ERROR_STATUS, type ErrorCode } from '@ancha/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { databaseFailureOf } from '../db/failures.ts';
import { storageFailureOf } from '../storage/failures.ts';
import { multipartFailureOf } from './multipart.ts';

function body(code: ApiErrorBody['error']['code'], message: string, details?: unknown): ApiErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

// Fastify's own client errors, in words a person can act on.
const FASTIFY_CODES: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: ['bad_request', '请求体为空'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['bad_request', '请求体不是合法的 JSON'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', '不支持的内容类型'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad_request', '内容长度不正确'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', '请求体过大'],
};

interface Unavailable {
  code: 'unavailable' | 'insufficient_storage';
  message: string;
  /** Seconds, for `Retry-After`; none when waiting will not help (a full disk). */
  retryAfter?: number;
}

/**
 * The machine refusing, not the client and not our logic: a database locked by another
 * writer, unreachable or out of space, a media volume full or unwritable. Nothing was saved
 * (every write is one transaction; uploads are adopted only once whole).
 */
export function unavailableOf(err: unknown): Unavailable | null {
  const db = databaseFailureOf(err);
  if (db?.kind === 'busy')
    return {
      code: 'unavailable',
      message: '数据库正忙（另有写入在进行），本次操作未保存，请稍后重试',
      retryAfter: 5,
    };
  if (db?.kind === 'disk_full')
    return {
      code: 'insufficient_storage',
      message: '服务器磁盘已满，本次操作未保存；请联系系统管理员清理空间',
    };
  if (db?.kind === 'io')
    return {
      code: 'unavailable',
      message: '数据库暂时无法写入（读写错误），本次操作未保存；请联系系统管理员',
      retryAfter: 30,
    };
  if (db?.kind === 'unreachable')
    return { code: 'unavailable', message: '数据库暂时无法连接，本次操作未保存，请稍后重试', retryAfter: 10 };
  const fs = storageFailureOf(err);
  if (fs?.kind === 'disk_full')
    return {
      code: 'insufficient_storage',
      message: '服务器存储空间已满，文件未保存；请联系系统管理员清理空间后重新上传',
    };
  if (fs)
    return {
      code: 'unavailable',
      message: '服务器存储暂时不可用，文件未保存，请稍后重新上传',
      retryAfter: 30,
    };
  return null;
}

/**
 * One place turns every failure into the contract's error shape. Anything a client can
 * send ends as a 4xx; a 5xx means a bug on our side (logged with the request id) or the
 * machine refusing (503/507, logged with the original error).
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    // An answer sent before the body was read leaves the rest of it on the socket, and the
    // next request on that keep-alive connection would wait behind it: close it instead.
    if (!req.raw.complete) reply.header('connection', 'close');
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err, cause: err.cause }, err.message);
      return reply.status(err.status).send(body(err.code, err.message, err.details));
    }
    const down = unavailableOf(err);
    if (down) {
      req.log.error({ err }, down.message);
      if (down.retryAfter) reply.header('retry-after', String(down.retryAfter));
      return reply.status(ERROR_STATUS[down.code]).send(body(down.code, down.message));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: v.message,
      }));
      const message = issues.map((i) => `${i.path}: ${i.message}`).join('；');
      return reply.status(400).send(body('validation_failed', `请求参数有误：${message}`, { issues }));
    }
    // A broken multipart body a route did not map itself (they all go through http/multipart.ts).
    const multipart = multipartFailureOf(err);
    if (multipart) return reply.status(multipart.status).send(body(multipart.code, multipart.message));
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known)
      return reply
        .status(known[0] === 'payload_too_large' ? 413 : known[0] === 'unsupported_media_type' ? 415 : 400)
        .send(body(known[0], known[1]));
    if (err.statusCode === 429) {
      return reply.status(429).send(body('too_many_requests', '请求过于频繁，请稍后再试'));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(body('bad_request', err.message));
    }
    if (isResponseSerializationError(err))
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
    else req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('internal_error', `服务器内部错误（请求号 ${req.id}）`));
  });
}

// What the router refuses before any route or hook runs (Fastify's `frameworkErrors`).
const ROUTER_CODES: Record<string, [number, string]> = {
  FST_ERR_BAD_URL: [400, '地址中含有无法解码的字符'],
  FST_ERR_MAX_PARAM_LENGTH: [414, '地址中的参数过长'],
  FST_ERR_ASYNC_CONSTRAINT: [400, '请求无法路由'],
};

/**
 * The router's own refusals (a path with broken percent-encoding, an over-long parameter),
 * in the contract's shape like every other error; passed to Fastify as `frameworkErrors`.
 */
export function frameworkErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const [status, message] = ROUTER_CODES[err.code] ?? [400, '请求格式有误'];
  if (!ROUTER_CODES[err.code]) req.log.warn({ err }, 'framework refused a request');
  return reply.status(status).send(body('bad_request', message));
}

/** The API's 404 in the contract's shape. */
export function sendNotFound(req: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send(body('not_found', `没有这个地址：${req.method} ${req.url.split('?')[0]}`));
}
