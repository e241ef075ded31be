import { type ApiErrorBody, AppError, type ErrorCode } from '@ancha/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

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

/**
 * One place turns every failure into the contract's error shape. Anything a client can
 * send ends as a 4xx; a 5xx means a bug on our side and is logged with the request id.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send(body(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: v.message,
      }));
      const message = issues.map((i) => `${i.path}: ${i.message}`).join('；');
      return reply.status(400).send(body('validation_failed', `请求参数有误：${message}`, { issues }));
    }
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

/** The API's 404 in the contract's shape. */
export function sendNotFound(req: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send(body('not_found', `没有这个地址：${req.method} ${req.url.split('?')[0]}`));
}
