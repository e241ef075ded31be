import { mkdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import {
  type ApiErrorBody,
  AppError,
  ERROR_STATUS,
  type ErrorCode,
  type EvidenceOut,
  errorSchema,
  evidenceOut,
  findBadText,
  noBody,
  TEXT_PROBLEM_MESSAGES,
  videoUploadMeta,
} from '@ancha/core';
import { Server, type Upload } from '@tus/server';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { NodeRequest, sendNodeResponse } from 'srvx/node';
import type { AppContext } from '../../context.ts';
import { unavailableOf } from '../../http/errors.ts';
import { actorOf, type Principal } from '../../http/principal.ts';
import { fieldScopeOf } from '../teams/field.policy.ts';
import { evidenceById } from './evidence.read.ts';
import { attachEvidence, authorizeRecording } from './media.service.ts';
import { hashFile, sniffType } from './photo.upload.ts';
import { uploadsDirectory, uploadsStore } from './tus.store.ts';

export const UPLOADS_PATH = '/api/v1/uploads';

/** Containers phones and body-worn recorders write: mp4/mov/3gp, webm/mkv, avi. */
export const VIDEO_MIMES = new Set([
  'video/mp4',
  'video/quicktime',
  'video/3gpp',
  'video/3gpp2',
  'video/webm',
  'video/matroska',
  'video/x-matroska',
  'video/vnd.avi',
  'video/x-msvideo',
  'video/avi',
]);
const NOT_A_VIDEO = '只接受 MP4、MOV、3GP、WebM、MKV 或 AVI 格式的视频；按文件内容判断，该文件不是这些格式';

type TusError = { status_code: number; body: string };
type WebRequest = Request & { runtime?: { node?: { req: IncomingMessage; res: ServerResponse } } };

const jsonError = (status: number, code: ErrorCode, message: string, details?: unknown): TusError => {
  const body: ApiErrorBody = {
    error: details === undefined ? { code, message } : { code, message, details },
  };
  return { status_code: status, body: JSON.stringify(body) };
};

// tus's own errors, in the contract's shape and in words an inspector can act on.
function fromTus(err: { status_code?: number; body?: string; message?: string }, maxBytes: number): TusError {
  const status = err.status_code ?? 500;
  const body = String(err.body ?? err.message ?? '').trim();
  if (status === 404) return jsonError(404, 'not_found', '上传不存在或已过期，请重新上传');
  if (status === 410) return jsonError(404, 'not_found', '上传已过期，请重新上传');
  if (status === 409)
    return jsonError(409, 'conflict', '续传位置与服务器不一致，请先查询已上传的字节数（HEAD）再续传');
  if (status === 413)
    return jsonError(413, 'payload_too_large', `视频超过大小上限（${maxBytes} 字节）`, { maxBytes });
  // An extension this server does not offer (Upload-Concat, Upload-Defer-Length): tus says 501,
  // but it is the client asking for something we never advertised — its mistake, a 400.
  if (status === 501)
    return jsonError(
      400,
      'bad_request',
      `不支持该上传方式：${body}（请关闭 tus 客户端的并行或延迟长度上传）`,
    );
  if (status >= 400 && status < 500)
    return jsonError(status === 403 ? 400 : status, 'bad_request', `上传请求有误：${body}`);
  return {
    status_code: status,
    body: JSON.stringify({ error: { code: 'internal_error', message: '上传处理失败，请稍后重试' } }),
  };
}

/**
 * A request body as a web stream, with backpressure, minus the copy of every chunk that
 * Node 20's Readable.toWeb makes: at a gigabyte per video that copy is most of the garbage.
 */
function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const fail = (err: Error) => {
          if (settled) return;
          settled = true;
          controller.error(err);
        };
        req.on('data', (chunk: Buffer) => {
          if (settled) return;
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => {
          if (settled) return;
          settled = true;
          controller.close();
        });
        req.once('error', fail);
        req.once('close', () => {
          if (!req.complete) fail(new Error('request aborted'));
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        settled = true;
        req.resume(); // drain what is left; tus answers on its own
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 1 << 20 }),
  );
}

/**
 * Resumable video upload (tus 1.0) inside Fastify at /api/v1/uploads. The caller is
 * authenticated by the normal access hook; whether they may attach to the inspection named
 * in the metadata is checked when the upload is created, so a stranger cannot even start
 * one, and an upload can be resumed only by the user who created it. When the last byte
 * lands the file is hashed (streamed), type-checked by magic bytes and becomes evidence.
 */
export function tusRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    // The Fastify request's caller, found again from inside tus's hooks by the raw request.
    const callers = new WeakMap<IncomingMessage, { principal: Principal; ip: string }>();
    const maxBytes = ctx.config.videoMaxBytes;
    await mkdir(uploadsDirectory(ctx.config.dataDir), { recursive: true });
    const datastore = uploadsStore(ctx.config.dataDir);

    const callerOf = (req: Request): Principal => callerWithIp(req).principal;
    const callerWithIp = (req: Request) => {
      const node = (req as WebRequest).runtime?.node?.req;
      const c = node && callers.get(node);
      if (!c) throw jsonError(401, 'unauthenticated', '请先登录');
      return c;
    };
    const metaOf = (upload: Upload) => {
      const raw = Object.fromEntries(
        Object.entries(upload.metadata ?? {}).filter(([, v]) => v != null && v !== ''),
      );
      const bad = findBadText(raw);
      if (bad)
        throw jsonError(
          400,
          'validation_failed',
          `上传元数据有误：${bad.path}: ${TEXT_PROBLEM_MESSAGES[bad.problem]}`,
        );
      const r = videoUploadMeta.safeParse(raw);
      if (!r.success) {
        const message = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；');
        throw jsonError(400, 'validation_failed', `上传元数据有误：${message}`);
      }
      return r.data;
    };
    const asTus = (err: unknown): unknown =>
      err instanceof AppError ? jsonError(err.status, err.code, err.message, err.details) : err;
    const answer = (evidence: EvidenceOut, status: number) => ({
      status_code: status,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(evidence),
    });

    const tus = new Server({
      path: UPLOADS_PATH,
      datastore,
      maxSize: maxBytes,
      relativeLocation: true,
      disableTerminationForFinishedUploads: true,
      // The field app is served by this server: same origin, no cross-origin uploads.
      allowedOrigins: [],
      async onIncomingRequest(req, id) {
        const who = callerOf(req);
        if (req.method === 'POST') return; // a new upload: checked in onUploadCreate
        const upload = await datastore.getUpload(id);
        if (upload.metadata?.userId !== who.userId)
          throw jsonError(404, 'not_found', '上传不存在或已过期，请重新上传');
      },
      async onUploadCreate(req, upload) {
        const who = callerOf(req);
        const meta = metaOf(upload);
        await authorizeRecording(ctx, who, meta.inspectionId).catch((err) => {
          throw asTus(err);
        });
        // Only what the client may say is kept; the server's own markers (the owner, the evidence
        // an upload became) are never taken from the client's metadata.
        const declared = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined));
        return { metadata: { ...declared, userId: who.userId } };
      },
      async onUploadFinish(req, upload) {
        const { principal: who, ip } = callerWithIp(req);
        const path = join(datastore.directory, upload.id);
        const adopted = upload.metadata?.evidenceId;
        if (adopted) {
          // A retried final PATCH of an upload that is already evidence: the same answer again,
          // still only to someone who may record for that inspection.
          const meta = metaOf(upload);
          await authorizeRecording(ctx, who, meta.inspectionId).catch((err) => {
            throw asTus(err);
          });
          const evidence = await evidenceById(ctx, adopted, fieldScopeOf(who.roles));
          if (evidence && evidence.inspectionId === meta.inspectionId) return answer(evidence, 200);
        }
        try {
          const meta = metaOf(upload);
          const inspection = await authorizeRecording(ctx, who, meta.inspectionId);
          const known = upload.size != null ? datastore.takeDigest(upload.id, upload.size) : null;
          const got =
            known && upload.size != null ? { sha256: known, size: upload.size } : await hashFile(path);
          if (got.sha256 !== meta.sha256) {
            throw new AppError(
              'hash_mismatch',
              '视频校验失败：收到的内容与 sha256 不一致，本次上传已作废，请重新上传',
              {
                declared: meta.sha256,
                received: got.sha256,
              },
            );
          }
          const mime = await sniffType(path, VIDEO_MIMES, NOT_A_VIDEO);
          const { evidence, created } = await attachEvidence(ctx, actorOf(who, ip), inspection, {
            sha256: got.sha256,
            kind: 'video',
            mime,
            size: got.size,
            tempFile: path,
            originalName: meta.filename ?? null,
            capturedAt: meta.capturedAt ?? null,
            queuedAt: meta.queuedAt ?? null,
            exif: null,
          });
          await datastore.markAdopted(upload, evidence.id);
          return answer(evidence, created ? 201 : 200);
        } catch (err) {
          // The client's fault (wrong bytes, wrong type, no longer allowed): the upload is void.
          // Anything else keeps it, and an empty PATCH at the final offset retries this step.
          const tusErr = asTus(err) as Partial<TusError>;
          if (err instanceof AppError || (tusErr.status_code && tusErr.status_code < 500))
            await datastore.discard(upload.id);
          throw tusErr;
        }
      },
      async onResponseError(req, err) {
        const e = err as { status_code?: number; body?: string };
        // A full or unwritable disk under the upload: 507/503 in words, the cause in the log.
        const down = unavailableOf(err);
        if (down) {
          app.log.error({ err, url: req.url }, down.message);
          return jsonError(ERROR_STATUS[down.code], down.code, down.message);
        }
        const status = e.status_code ?? 500;
        if (status >= 500 && status !== 501) app.log.error({ err, url: req.url }, 'tus upload failed');
        return undefined;
      },
    });

    // Leave PATCH bodies untouched for tus to stream to disk.
    app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));

    // tus.handle() with one change: every error leaves in the contract's JSON shape, whether
    // it came from our hooks (already JSON) or from the protocol layer (plain text).
    const handle = async (req: FastifyRequest, reply: FastifyReply) => {
      if (req.principal) callers.set(req.raw, { principal: req.principal, ip: req.ip });
      reply.hijack();
      const request = new NodeRequest({ req: req.raw, res: reply.raw });
      if (req.method === 'PATCH' || req.method === 'POST')
        Object.defineProperty(request, 'body', { value: bodyOf(req.raw) });
      let res = await tus.handleWeb(request);
      if (res.status >= 400) {
        const text = await res.text();
        const mapped = text.startsWith('{')
          ? { status_code: res.status, body: text }
          : fromTus({ status_code: res.status, body: text }, maxBytes);
        const headers = new Headers(res.headers);
        headers.set('Content-Type', 'application/json; charset=utf-8');
        headers.set('Content-Length', String(Buffer.byteLength(mapped.body)));
        res = new Response(req.method === 'HEAD' ? null : mapped.body, {
          status: mapped.status_code,
          headers,
        });
      }
      // An answer before the body was read leaves the rest on the socket: close it (http/errors.ts).
      if (res.status >= 400 && !req.raw.complete) res.headers.set('Connection', 'close');
      if (res.status === 503) res.headers.set('Retry-After', '30');
      await sendNodeResponse(reply.raw, res);
    };
    // Each step of the protocol is its own route, so the OpenAPI document can say what it
    // answers; all of them go to tus. The other method/path pairs tus also answers (HEAD
    // /uploads, POST /uploads/:id…) are protocol noise, kept as they were but not documented.
    const tusErrors = {
      400: errorSchema,
      404: errorSchema,
      409: errorSchema,
      412: errorSchema,
      413: errorSchema,
    };
    const steps: { method: 'POST' | 'HEAD' | 'PATCH' | 'DELETE'; url: string; schema: object }[] = [
      {
        method: 'POST',
        url: '/uploads',
        schema: {
          summary:
            '创建视频断点续传（tus 1.0）：Upload-Length 为总字节数，Upload-Metadata 为 inspectionId、sha256、filename、capturedAt、queuedAt（base64）',
          response: {
            201: noBody('已创建：Location 头为本次上传的地址，之后对其 HEAD 与 PATCH'),
            ...tusErrors,
            415: errorSchema,
          },
        },
      },
      {
        method: 'HEAD',
        url: '/uploads/*',
        schema: {
          summary: '查询已上传的字节数（Upload-Offset 头）；已成为证据的上传仍答复为完整',
          response: { 200: noBody('Upload-Offset 与 Upload-Length 头给出进度'), ...tusErrors },
        },
      },
      {
        method: 'PATCH',
        url: '/uploads/*',
        schema: {
          summary:
            '续传（Content-Type: application/offset+octet-stream，Upload-Offset 为起始字节）；最后一段到达后校验 sha256 与文件类型，返回证据',
          response: {
            200: evidenceOut.describe('最后一段：该视频已是此记录的证据（重放）'),
            201: evidenceOut.describe('最后一段：视频已成为证据'),
            204: noBody('已接收：Upload-Offset 头为新的偏移'),
            ...tusErrors,
            415: errorSchema,
          },
        },
      },
      {
        method: 'DELETE',
        url: '/uploads/*',
        schema: {
          summary: '放弃未完成的上传（已成为证据的上传不可删除）',
          response: { 204: noBody('已放弃'), ...tusErrors },
        },
      },
    ];
    for (const step of steps) {
      app.route({
        method: step.method,
        url: step.url,
        // An explicit HEAD is a step of its own here, not the shadow of a GET: document it.
        config: { access: 'field.record', wildcardParam: 'uploadId', swagger: { exposeHeadRoute: true } },
        schema: { tags: ['media'], ...step.schema },
        handler: handle,
      });
    }
    const undocumented: [string, ('POST' | 'HEAD' | 'PATCH' | 'DELETE')[]][] = [
      ['/uploads', ['HEAD', 'PATCH', 'DELETE']],
      ['/uploads/*', ['POST']],
    ];
    for (const [url, method] of undocumented) {
      app.route({ method, url, config: { access: 'field.record' }, schema: { hide: true }, handler: handle });
    }
    // Protocol discovery (versions, extensions, max size) carries no data.
    for (const url of ['/uploads', '/uploads/*']) {
      app.route({
        method: 'OPTIONS',
        url,
        config: { access: 'public' },
        schema: { hide: true },
        handler: handle,
      });
    }
  };
}
