import {
  AppError,
  errorSchema,
  evidenceOut,
  fileResponse,
  idParams,
  listOf,
  mediaParams,
  noBody,
  photoUploadForm,
} from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { registerMultipart } from '../../http/multipart.ts';
import { fieldScopeOf } from '../teams/field.policy.ts';
import { readExif } from './exif.ts';
import { sweepUploads } from './media.jobs.ts';
import { sendStored } from './media.serve.ts';
import {
  attachEvidence,
  authorizeRecording,
  listInspectionEvidence,
  readableMedia,
} from './media.service.ts';
import { resumeThumbnails } from './media.thumbnails.ts';
import { PHOTO_MIMES, withVerifiedUpload } from './photo.upload.ts';
import { tusRoutes } from './tus.routes.ts';

const NOT_A_PHOTO = '只接受 JPEG、PNG、WebP 或 HEIC 格式的照片；按文件内容判断，该文件不是这些格式的图片';

// What a stored original can be: photos, videos and the PDFs bureaus attach to their feedback.
const ORIGINAL_TYPES = ['image/*', 'video/*', 'application/pdf'];
// A stored file never changes (its name is its hash): a client's copy is still good, or part of it.
const STORED_RESPONSES = (what: string, ...types: string[]) => ({
  200: fileResponse(what, ...types),
  206: fileResponse(`${what}的一段（Range 请求）`, ...types),
  304: noBody('未修改（If-None-Match 与 ETag 相同）'),
  416: errorSchema,
});

export function mediaRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const rt = ctx.media;
    const photoMaxBytes = Math.round(ctx.config.photoMaxMb * 1024 * 1024);
    rt.thumbnails.onError = (sha, err) =>
      app.log.error({ err, sha256: sha }, 'thumbnail failed; retried at next start');

    await rt.store.init();
    // What a previous process left; after this the hourly media.sweep job keeps it clean.
    await sweepUploads(ctx).catch((err) => app.log.warn({ err }, 'interrupted uploads not swept'));
    await resumeThumbnails(ctx);
    app.addHook('onClose', async () => rt.thumbnails.close());

    await registerMultipart(app);

    app.post(
      '/inspections/:id/media',
      {
        config: { access: 'field.record', multipartForm: photoUploadForm },
        schema: {
          tags: ['media'],
          summary:
            '上传现场照片（multipart：先 sha256、capturedAt、queuedAt 字段，后 file；同一记录同一文件重复上传返回原证据）',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: {
            200: evidenceOut,
            201: evidenceOut,
            400: errorSchema,
            413: errorSchema,
            415: errorSchema,
          },
        },
      },
      async (req, reply) => {
        const inspection = await authorizeRecording(ctx, principalOf(req), req.params.id);
        const upload = {
          maxBytes: photoMaxBytes,
          accepted: PHOTO_MIMES,
          notAccepted: NOT_A_PHOTO,
          what: '照片',
        };
        return withVerifiedUpload(req, rt.store, upload, async (file) => {
          const { evidence, created } = await attachEvidence(ctx, actorFrom(req), inspection, {
            sha256: file.sha256,
            kind: 'photo',
            mime: file.mime,
            size: file.size,
            tempFile: file.tempFile,
            originalName: file.name,
            capturedAt: file.declared.capturedAt ?? null,
            queuedAt: file.declared.queuedAt ?? null,
            exif: await readExif(file.tempFile),
          });
          return reply.status(created ? 201 : 200).send(evidence);
        });
      },
    );

    app.get(
      '/inspections/:id/evidence',
      {
        config: { access: 'field.read' },
        schema: {
          tags: ['media'],
          summary: '检查记录的证据（照片、视频）',
          params: idParams,
          response: { 200: listOf(evidenceOut) },
        },
      },
      async (req) => listInspectionEvidence(ctx, req.params.id, fieldScopeOf(principalOf(req).roles)),
    );

    app.get(
      '/media/:sha256',
      {
        config: { access: 'media.read' },
        schema: {
          tags: ['media'],
          summary: '证据原件（支持 Range 分段读取）',
          params: mediaParams,
          response: STORED_RESPONSES('证据原件', ...ORIGINAL_TYPES),
        },
      },
      async (req, reply) => {
        const obj = await readableMedia(ctx, req.params.sha256, principalOf(req).roles);
        return sendStored(req, reply, {
          size: Number(obj.size),
          mime: obj.mime,
          etag: obj.sha256,
          open: (range) => rt.store.openOriginal(obj.sha256, range),
        });
      },
    );

    app.get(
      '/media/:sha256/thumbnail',
      {
        config: { access: 'media.read' },
        schema: {
          tags: ['media'],
          summary: '照片缩略图（JPEG，长边不超过480像素）',
          params: mediaParams,
          response: STORED_RESPONSES('缩略图', 'image/jpeg'),
        },
      },
      async (req, reply) => {
        const obj = await readableMedia(ctx, req.params.sha256, principalOf(req).roles);
        const key = obj.thumbnail_key;
        const stat = key ? await rt.store.statDerived(key) : null;
        if (!key || !stat)
          throw new AppError('not_found', obj.kind === 'photo' ? '缩略图尚未生成' : '视频没有缩略图');
        return sendStored(req, reply, {
          size: stat.size,
          mime: 'image/jpeg',
          etag: key,
          open: (range) => rt.store.openDerived(key, range),
        });
      },
    );

    await app.register(tusRoutes(ctx));
  };
}
