import { PassThrough } from 'node:stream';
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

/**
 * Sends a file that is written while it is sent (a large export): no length, the same headers
 * otherwise. `write` fills the stream; a failure part-way ends the connection, so the client
 * never keeps a truncated file as if it were whole.
 */
export function sendStreamedDownload(
  reply: FastifyReply,
  o: { contentType: string; filename: string; asciiName: string },
  write: (out: PassThrough) => Promise<unknown>,
) {
  const out = new PassThrough();
  write(out).catch((err) => {
    reply.log.error({ err }, 'streamed download failed');
    out.destroy(err as Error);
  });
  return reply
    .header('content-type', o.contentType)
    .header('content-disposition', attachmentDisposition(o.filename, o.asciiName))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(out);
}
