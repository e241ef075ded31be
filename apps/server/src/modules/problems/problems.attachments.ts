import { rm } from 'node:fs/promises';
import { AppError, type AttachmentOut, type ProblemAction, type RoleBinding } from '@ancha/core';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { newId } from '../../ids.ts';
import { recordAudit } from '../audit/audit.service.ts';

import { PHOTO_MIMES } from '../media/media.routes.ts';
import { mediaRuntimeOf } from '../media/media.runtime.ts';
import { registerMediaObject } from '../media/media.service.ts';
import { receiveFile, sniffType } from '../media/photo.upload.ts';
import { problemScopeOf } from './problems.policy.ts';
import { actionsFor } from './problems.present.ts';
import * as repo from './problems.repository.ts';

const PURPOSE_ACTION: Record<AttachmentOut['purpose'], ProblemAction> = {
  after_photo: 'confirm_fixed',
  feedback: 'submit_feedback',
  follow_up: 'follow_up',
};
const PDF = 'application/pdf';
const ACCEPTED = new Set([...PHOTO_MIMES, PDF]);
const MAX_BYTES = 30 * 1024 * 1024;

/**
 * Attachments belong to a step of the lifecycle: the after-photo of an on-the-spot fix, the
 * bureau's feedback (photos, a scanned 处罚决定书 as PDF), the follow-up's photos. Whoever may
 * take that step now may attach to it — no one else.
 */
async function assertMayAttach(
  ctx: AppContext,
  roles: readonly RoleBinding[],
  problemId: string,
  purpose: AttachmentOut['purpose'],
) {
  const p = await repo.findProblem(ctx.db, problemId, problemScopeOf(roles));
  if (!p) throw new AppError('not_found', '问题不存在');
  const current = p.current_handover_id ? await repo.findHandover(ctx.db, p.current_handover_id) : undefined;
  const task = await repo.openTaskOf(ctx.db, problemId);
  if (
    !actionsFor(roles, p, { currentHandover: current, followUpGroupId: task?.group_id }).includes(
      PURPOSE_ACTION[purpose],
    )
  ) {
    throw new AppError('invalid_transition', '当前环节不能上传该类附件', { state: p.state });
  }
  return { p, handoverId: current?.id ?? null };
}

export async function attachToProblem(
  ctx: AppContext,
  actor: Actor,
  problemId: string,
  handoverId: string | null,
  purpose: AttachmentOut['purpose'],
  file: { sha256: string; size: number; mime: string; name: string | null; temp: string },
) {
  const rt = mediaRuntimeOf(ctx);
  await rt.store.putOriginal(file.sha256, file.temp);
  const kind: 'document' | 'photo' = file.mime === PDF ? 'document' : 'photo';
  const created = await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now().toISOString();
    await registerMediaObject(tx, {
      sha256: file.sha256,
      size: file.size,
      mime: file.mime,
      kind,
      width: null,
      height: null,
      thumbnail_key: null,
      created_at: now,
    });
    const id = newId();
    const inserted = await repo.insertAttachment(tx, {
      id,
      problem_id: problemId,
      handover_id: handoverId,
      purpose,
      sha256: file.sha256,
      name: file.name,
      uploaded_by: actor.name,
      uploaded_at: now,
    });
    if (inserted) {
      await recordAudit(ctx, tx, actor, {
        action: 'problem.attach',
        entity: 'problem',
        entityId: problemId,
        data: { purpose, sha256: file.sha256, name: file.name },
      });
    }
    return inserted;
  });
  if (kind === 'photo') rt.thumbnails.enqueue(file.sha256);
  const row = (await repo.findAttachment(ctx.db, problemId, purpose, file.sha256))!;
  return {
    created,
    attachment: {
      id: row.id,
      purpose,
      sha256: file.sha256,
      kind,
      mime: file.mime,
      name: row.name,
      uploadedAt: row.uploaded_at,
      uploadedBy: row.uploaded_by,
      url: `/api/v1/media/${file.sha256}`,
      thumbnailUrl: null,
    } satisfies AttachmentOut,
  };
}

export function problemAttachmentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, { throwFileSizeLimit: true });
    app.post(
      '/problems/:id/attachments',
      {
        config: { access: 'problems.act' },
        schema: {
          tags: ['problems'],
          summary:
            '上传整改后照片、属地反馈附件或回头看照片（multipart：purpose、sha256 字段在前，file 在后）',
          consumes: ['multipart/form-data'],
          params: z.object({ id: z.string().uuid() }),
          querystring: z.object({ purpose: z.enum(['after_photo', 'feedback', 'follow_up']) }),
        },
      },
      async (req, reply) => {
        const roles = principalOf(req).roles;
        const { handoverId } = await assertMayAttach(ctx, roles, req.params.id, req.query.purpose);
        const rt = mediaRuntimeOf(ctx);
        const temp = rt.store.tempFile();
        try {
          const got = await receiveFile(req, temp, MAX_BYTES);
          if (got.sha256 !== got.declared.sha256) {
            throw new AppError('hash_mismatch', '附件校验失败：收到的内容与 sha256 不一致，请重新上传');
          }
          if (got.size === 0) throw new AppError('validation_failed', '附件为空');
          const mime = await sniffType(temp, ACCEPTED, '只接受照片（JPEG、PNG、WebP、HEIC）或 PDF 文件');
          const r = await attachToProblem(ctx, actorFrom(req), req.params.id, handoverId, req.query.purpose, {
            sha256: got.sha256,
            size: got.size,
            mime,
            name: got.filename,
            temp,
          });
          return reply.status(r.created ? 201 : 200).send(r.attachment);
        } finally {
          await rm(temp, { force: true });
        }
      },
    );
  };
}
