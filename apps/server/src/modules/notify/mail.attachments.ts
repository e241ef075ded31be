import type { AppContext } from '../../context.ts';
import type { MailAttachmentRef } from './mail.service.ts';

export interface RenderedAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/**
 * Builds a mail's attachments from their references at send time, through the platform's
 * document registry (the mail knows a kind and a reference, never the module that renders
 * it). A failure here fails the attempt like an SMTP error would, so it is retried and, in
 * the end, shown with its reason in the outbox.
 */
export async function renderAttachments(ctx: AppContext, json: string): Promise<RenderedAttachment[]> {
  const refs = JSON.parse(json) as MailAttachmentRef[];
  const out: RenderedAttachment[] = [];
  for (const ref of refs) {
    const doc = await ctx.documents.render(ctx, ref.source, ref.refId);
    out.push({ filename: ref.filename || doc.filename, content: doc.buffer, contentType: doc.contentType });
  }
  return out;
}
