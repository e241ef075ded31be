import { type AppContext, SYSTEM_ACTOR } from '../../context.ts';
import { issueRegistered } from '../issuance/issuance.service.ts';
import type { MailAttachmentRef } from './mail.service.ts';

export interface RenderedAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/**
 * Builds a mail's attachments from their references at send time, issued as copies through
 * the platform's document registry (the mail knows a kind and a reference, never the module
 * that renders it). A failure here fails the attempt like an SMTP error would, so it is retried and, in
 * the end, shown with its reason in the outbox.
 */
export async function renderAttachments(
  ctx: AppContext,
  mail: { id: string; json: string },
): Promise<RenderedAttachment[]> {
  const refs = JSON.parse(mail.json) as MailAttachmentRef[];
  const out: RenderedAttachment[] = [];
  for (const ref of refs) {
    // Each attempt issues its own copy: the one that is delivered carries a code of its own.
    const doc = await issueRegistered(ctx, SYSTEM_ACTOR, ref.source, ref.refId, {
      action: 'mail.attachment',
      entity: 'mail',
      entityId: mail.id,
      data: { kind: ref.source, refId: ref.refId },
    });
    out.push({ filename: ref.filename || doc.filename, content: doc.buffer, contentType: doc.contentType });
  }
  return out;
}
