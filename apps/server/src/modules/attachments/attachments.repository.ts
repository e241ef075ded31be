import type { Tx } from '../../context.ts';
import type { ProblemAttachmentsTable } from '../../db/schema.ts';

export type AttachmentPurpose = ProblemAttachmentsTable['purpose'];

/** Inserts unless the same bytes are already attached for the same purpose; whether this call did. */
export async function insertAttachment(tx: Tx, row: ProblemAttachmentsTable) {
  const r = await tx
    .insertInto('problem_attachments')
    .values(row)
    .onConflict((oc) => oc.columns(['problem_id', 'purpose', 'sha256']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findAttachment(tx: Tx, problemId: string, purpose: AttachmentPurpose, sha256: string) {
  return tx
    .selectFrom('problem_attachments')
    .selectAll()
    .where('problem_id', '=', problemId)
    .where('purpose', '=', purpose)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

/** Attachments of problems with their stored object's type, oldest first. */
export async function attachmentsOf(tx: Tx, problemIds: readonly string[]) {
  if (problemIds.length === 0) return [];
  return tx
    .selectFrom('problem_attachments as a')
    .innerJoin('media_objects as m', 'm.sha256', 'a.sha256')
    .select([
      'a.id',
      'a.problem_id',
      'a.purpose',
      'a.sha256',
      'a.name',
      'a.uploaded_by',
      'a.uploaded_at',
      'a.handover_id',
      'm.kind',
      'm.mime',
      'm.thumbnail_key',
    ])
    .where('a.problem_id', 'in', problemIds)
    .orderBy('a.uploaded_at')
    .execute();
}

export async function countAttachments(
  tx: Tx,
  problemId: string,
  purpose: AttachmentPurpose,
  handoverId?: string,
) {
  let q = tx
    .selectFrom('problem_attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('problem_id', '=', problemId)
    .where('purpose', '=', purpose);
  if (handoverId) q = q.where('handover_id', '=', handoverId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** How many photos each handover's feedback carries (the bureau's evidence for 销号). */
export async function feedbackPhotoCounts(tx: Tx, handoverIds: readonly string[]) {
  if (handoverIds.length === 0) return new Map<string, number>();
  const rows = await tx
    .selectFrom('problem_attachments as a')
    .innerJoin('media_objects as m', 'm.sha256', 'a.sha256')
    .select(['a.handover_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('a.handover_id', 'in', handoverIds)
    .where('a.purpose', '=', 'feedback')
    .where('m.kind', '=', 'photo')
    .groupBy('a.handover_id')
    .execute();
  return new Map(rows.map((r) => [r.handover_id!, Number(r.n)]));
}
