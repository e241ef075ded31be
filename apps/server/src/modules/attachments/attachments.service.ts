import type { AttachmentOut } from '@ancha/core';
import type { Actor, AppContext } from '../../context.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import { mediaUrls, storeMediaObject, type VerifiedFile } from '../media/media.service.ts';
import * as repo from './attachments.repository.ts';

export type AttachmentPurpose = repo.AttachmentPurpose;

type Row = Awaited<ReturnType<typeof repo.attachmentsOf>>[number];

function present(a: Row): AttachmentOut {
  return {
    id: a.id,
    purpose: a.purpose,
    sha256: a.sha256,
    kind: a.kind === 'photo' || a.kind === 'video' ? a.kind : 'document',
    mime: a.mime,
    name: a.name,
    uploadedAt: a.uploaded_at,
    uploadedBy: a.uploaded_by,
    ...mediaUrls(a.sha256, a.thumbnail_key),
  };
}

/**
 * Attaches verified bytes to a step of a problem's lifecycle (the after-photo, the bureau's
 * feedback, the follow-up's photos), exactly once per problem, purpose and content: the same
 * file sent again answers with the stored attachment. The caller has decided that the actor
 * may take that step now.
 */
export async function attach(
  ctx: AppContext,
  actor: Actor,
  to: { problemId: string; handoverId: string | null; purpose: AttachmentPurpose },
  file: VerifiedFile & { name: string | null },
): Promise<{ created: boolean; attachment: AttachmentOut }> {
  const created = await storeMediaObject(ctx, actor, file, async (w) => {
    const inserted = await repo.insertAttachment(w.tx, {
      id: newId(),
      problem_id: to.problemId,
      handover_id: to.handoverId,
      purpose: to.purpose,
      sha256: file.sha256,
      name: file.name,
      uploaded_by: actor.name,
      uploaded_at: ctx.now().toISOString(),
    });
    if (!inserted) w.unchanged();
    else
      await w.audit({
        action: 'problem.attach',
        entity: 'problem',
        entityId: to.problemId,
        data: { purpose: to.purpose, sha256: file.sha256, name: file.name },
      });
    return inserted;
  });
  const [row] = (await repo.attachmentsOf(ctx.db, [to.problemId])).filter(
    (a) => a.purpose === to.purpose && a.sha256 === file.sha256,
  );
  return { created, attachment: present(row!) };
}

/** Attachments of problems, keyed by problem id. */
export async function attachmentsOfProblems(ctx: AppContext, problemIds: readonly string[]) {
  const out = new Map<string, AttachmentOut[]>();
  for (const a of await repo.attachmentsOf(ctx.db, [...new Set(problemIds)])) {
    out.set(a.problem_id, [...(out.get(a.problem_id) ?? []), present(a)]);
  }
  return out;
}

export async function countAttachments(
  ctx: AppContext,
  problemId: string,
  purpose: AttachmentPurpose,
  handoverId?: string,
) {
  return repo.countAttachments(ctx.db, problemId, purpose, handoverId);
}

/** The bureau's feedback photos per handover id (absent: none). */
export async function feedbackPhotosOf(ctx: AppContext, handoverIds: readonly string[]) {
  return repo.feedbackPhotoCounts(ctx.db, [...new Set(handoverIds)]);
}
