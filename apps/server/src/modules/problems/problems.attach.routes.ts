import {
  AppError,
  type AttachmentPurpose,
  attachmentOut,
  attachmentQuery,
  errorSchema,
  idParams,
  type ProblemAction,
  photoUploadForm,
} from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { registerMultipart } from '../../http/multipart.ts';
import { attach } from '../attachments/attachments.service.ts';
import { PHOTO_MIMES, withVerifiedUpload } from '../media/photo.upload.ts';
import { loadCase } from './problems.case.ts';
import { actionsFor, problemScopeOf } from './problems.policy.ts';

const PURPOSE_ACTION: Record<AttachmentPurpose, ProblemAction> = {
  after_photo: 'confirm_fixed',
  feedback: 'submit_feedback',
  follow_up: 'follow_up',
};
const PDF = 'application/pdf';
const ACCEPTED = new Set([...PHOTO_MIMES, PDF]);

/**
 * Attachments belong to a step of the lifecycle: the after-photo of an on-the-spot fix, the
 * bureau's feedback (photos, a scanned 处罚决定书 as PDF), the follow-up's photos. Whoever may
 * take that step now may attach to it — no one else. Decided before any byte is read.
 */
export function problemAttachmentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await registerMultipart(app);
    const maxBytes = Math.round(ctx.config.photoMaxMb * 1024 * 1024);
    app.post(
      '/problems/:id/attachments',
      {
        config: { access: 'problems.act', multipartForm: photoUploadForm },
        schema: {
          tags: ['problems'],
          summary:
            '上传整改后照片、属地反馈附件或回头看照片（purpose 为查询参数；multipart：sha256 字段在前，file 在后）',
          consumes: ['multipart/form-data'],
          params: idParams,
          querystring: attachmentQuery,
          response: {
            200: attachmentOut,
            201: attachmentOut,
            409: errorSchema,
            413: errorSchema,
            415: errorSchema,
          },
        },
      },
      async (req, reply) => {
        const roles = principalOf(req).roles;
        const c = await loadCase(ctx, req.params.id, problemScopeOf(roles));
        if (!c) throw new AppError('not_found', '问题不存在');
        if (!actionsFor(roles, c).includes(PURPOSE_ACTION[req.query.purpose])) {
          throw new AppError('invalid_transition', '当前环节不能上传该类附件', { state: c.problem.state });
        }
        const upload = {
          maxBytes,
          accepted: ACCEPTED,
          notAccepted: '只接受照片（JPEG、PNG、WebP、HEIC）或 PDF 文件',
          what: '附件',
        };
        return withVerifiedUpload(req, ctx.media.store, upload, async (file) => {
          const r = await attach(
            ctx,
            actorFrom(req),
            { problemId: c.problem.id, handoverId: c.handover?.id ?? null, purpose: req.query.purpose },
            file,
          );
          return reply.status(r.created ? 201 : 200).send(r.attachment);
        });
      },
    );
  };
}
