import { AppError } from '@ancha/core';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

/**
 * The one way a route plugin accepts multipart bodies (photos, attachments, the roster
 * import). Registered per plugin, so JSON routes keep answering 415 to a multipart body.
 * `throwFileSizeLimit` turns an oversized file into an error instead of a silently cut one.
 */
export async function registerMultipart(
  app: FastifyInstance,
  limits: { fileSize?: number; files?: number; fields?: number; parts?: number } = {},
): Promise<void> {
  await app.register(fastifyMultipart, { throwFileSizeLimit: true, limits });
}

/**
 * What busboy (under @fastify/multipart) throws or emits for a body that is not well-formed
 * multipart: no boundary, an empty or over-long one, a body that ends before the closing
 * boundary. They are plain `Error`s without a code, so they are known by their messages
 * (pinned by the bad-input and fuzz tests: a new message shows up there as a 500).
 */
const MALFORMED = [
  /^Multipart: Boundary not found$/,
  /^Boundary required$/,
  /^Unexpected end of multipart data$/,
  /terminated early due to unexpected end of multipart data$/,
  /^The needle cannot (be an empty|have a length bigger)/,
  /^Unsupported Content-Type\.?$/,
];

/**
 * Every way reading a multipart body can fail because of what the client sent, as the
 * contract's error; null for anything else (a storage failure, a bug), which keeps its own
 * answer. Used by the upload readers and, as a backstop, by the error handler.
 */
export function multipartFailureOf(err: unknown, fileTooLarge?: () => AppError): AppError | null {
  if (err instanceof AppError) return null;
  const code = (err as { code?: unknown })?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return fileTooLarge?.() ?? new AppError('payload_too_large', '上传的文件超过大小上限');
  if (code === 'FST_FILES_LIMIT') return new AppError('bad_request', '一次只能上传一个文件');
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
    return new AppError('bad_request', '表单字段过多');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return new AppError('unsupported_media_type', '请以 multipart/form-data 上传');
  if (
    code === 'FST_PROTO_VIOLATION' ||
    code === 'FST_INVALID_JSON_FIELD_ERROR' ||
    code === 'FST_MP_PREMATURE_CLOSE'
  )
    return malformed();
  const message = err instanceof Error ? err.message : '';
  if (err instanceof Error && code === undefined && MALFORMED.some((m) => m.test(message)))
    return malformed();
  return null;
}

const malformed = () =>
  new AppError(
    'bad_request',
    '上传的表单数据不完整或格式有误（multipart/form-data 须带 boundary 且完整发送），请重新上传',
  );
