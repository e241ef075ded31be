import type { AppContext } from '../../context.ts';
import { DOCX_MIME, renderHandoverDocx } from '../documents/documents.service.ts';
import type { MailAttachmentRef } from './mail.outbox.ts';

export interface RenderedAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/**
 * Builds a mail's attachments from their references at send time. A failure here (the
 * document cannot be built) fails the attempt like an SMTP error would, so it is retried
 * and, in the end, shown with its reason in the outbox.
 */
export async function renderAttachments(ctx: AppContext, json: string): Promise<RenderedAttachment[]> {
  const refs = JSON.parse(json) as MailAttachmentRef[];
  const out: RenderedAttachment[] = [];
  for (const ref of refs) {
    switch (ref.source) {
      case 'handover_docx': {
        const doc = await renderHandoverDocx(ctx, ref.refId);
        out.push({ filename: ref.filename || doc.filename, content: doc.buffer, contentType: DOCX_MIME });
        break;
      }
      default:
        throw new Error(`unknown attachment source ${String((ref as { source: unknown }).source)}`);
    }
  }
  return out;
}
