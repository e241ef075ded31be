import type { Readable } from 'node:stream';
import { AppError } from '@ancha/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ByteRange } from '../../storage/media.store.ts';
import { parseRange } from './range.ts';

export interface Servable {
  size: number;
  mime: string;
  /** Content-addressed, so the hash is a strong validator. */
  etag: string;
  open(range?: ByteRange): Promise<Readable>;
}

/**
 * Sends stored bytes with what players and caches need: byte ranges (206), a strong ETag
 * (304 on If-None-Match) and a year of private caching, safe because the URL names the
 * content. Private: evidence must not sit in shared proxies.
 */
export async function sendStored(req: FastifyRequest, reply: FastifyReply, obj: Servable) {
  const etag = `"${obj.etag}"`;
  reply
    .header('ETag', etag)
    .header('Accept-Ranges', 'bytes')
    .header('Cache-Control', 'private, max-age=31536000, immutable')
    .header('X-Content-Type-Options', 'nosniff')
    // Opened directly, an uploaded file must never run as a page of this origin.
    .header('Content-Security-Policy', "default-src 'none'; sandbox");
  const inm = req.headers['if-none-match'];
  if (inm?.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
    return reply.status(304).send();
  }
  // If-Range with another validator means the client's partial copy is stale: send it all.
  const ifRange = req.headers['if-range'];
  const rangeHeader = ifRange && ifRange !== etag ? undefined : req.headers.range;
  const want = parseRange(rangeHeader, obj.size);
  if (want.kind === 'unsatisfiable') {
    reply.header('Content-Range', `bytes */${obj.size}`);
    throw new AppError('range_not_satisfiable', '请求的字节范围超出文件大小', { size: obj.size });
  }
  reply.type(obj.mime);
  if (want.kind === 'part') {
    const { start, end } = want.range;
    reply
      .status(206)
      .header('Content-Range', `bytes ${start}-${end}/${obj.size}`)
      .header('Content-Length', end - start + 1);
    return reply.send(await obj.open(want.range));
  }
  reply.header('Content-Length', obj.size);
  return reply.send(await obj.open());
}
