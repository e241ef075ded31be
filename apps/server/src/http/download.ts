import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from '../builders/format.ts';
import type { RenderedDocument } from '../context.ts';

/**
 * Sends a generated file as a download: its Chinese name (with an ASCII fallback for old
 * clients), never cached (documents hold personal data and change with the data), never
 * sniffed into something else.
 */
export function sendDownload(reply: FastifyReply, doc: RenderedDocument, asciiName: string) {
  return reply
    .header('content-type', doc.contentType)
    .header('content-disposition', attachmentDisposition(doc.filename, asciiName))
    .header('content-length', doc.buffer.length)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(doc.buffer);
}
