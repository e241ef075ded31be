import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, findBadText, TEXT_PROBLEM_MESSAGES } from '@ancha/core';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromFile } from 'file-type';
import { z } from 'zod';
import { multipartFailureOf } from '../../http/multipart.ts';
import { badTextError } from '../../http/storableText.ts';

/** Photo types a phone produces; HEIC/HEIF is what iPhones and many Android phones save. */
export const PHOTO_MIMES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
]);

export const sha256Hex = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{64}$/, 'sha256 须为64位十六进制')
  .transform((s) => s.toLowerCase());
export const isoInstantField = z.iso.datetime({ offset: true, message: '时间格式应为带时区的 ISO 8601' });

const photoFields = z.object({
  sha256: sha256Hex,
  capturedAt: isoInstantField.optional(),
  queuedAt: isoInstantField.optional(),
});

export interface ReceivedFile {
  declared: z.infer<typeof photoFields>;
  filename: string | null;
  /** What the bytes actually hash to. */
  sha256: string;
  size: number;
}

/** Hashes and counts bytes as they pass, so the file is read once. */
export function hashingTap() {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  return { tap, result: () => ({ sha256: hash.digest('hex'), size }) };
}

/** SHA-256 and size of a file, streamed in 1 MiB reads: memory stays flat for a 2 GiB video. */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const { tap, result } = hashingTap();
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), tap, async (source) => {
    for await (const _ of source) {
      // drained; the tap did the work
    }
  });
  return result();
}

/** Decides the type from the file's first bytes (magic numbers), never from its name or header. */
export async function sniffType(
  path: string,
  accepted: ReadonlySet<string>,
  message: string,
): Promise<string> {
  const type = await fileTypeFromFile(path);
  if (!type || !accepted.has(type.mime)) {
    throw new AppError('unsupported_media_type', message, { detected: type?.mime ?? null });
  }
  return type.mime;
}

const tooLarge = (maxBytes: number) =>
  new AppError('payload_too_large', `文件超过大小上限（${(maxBytes / 1024 / 1024).toFixed(0)} MB）`, {
    maxBytes,
  });

/**
 * Streams the one file of a multipart request to `tempFile`, hashing as it goes; nothing is
 * held in memory beyond a chunk. The fields (sha256, capturedAt, queuedAt) must come before
 * the file, so a malformed request is refused before its bytes are written anywhere.
 */
export async function receiveFile(
  req: FastifyRequest,
  tempFile: string,
  maxBytes: number,
): Promise<ReceivedFile> {
  const fields: Record<string, string> = {};
  let received: ReceivedFile | null = null;
  try {
    const parts = req.parts({
      limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 4096, parts: 22 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      // The same rule as every JSON field (http/storableText.ts): the name is stored as given.
      const bad = findBadText({ ...fields, filename: part.filename ?? '' });
      if (bad) {
        part.file.resume();
        throw badTextError('multipart', bad.path, TEXT_PROBLEM_MESSAGES[bad.problem]);
      }
      const declared = photoFields.safeParse(fields);
      if (!declared.success) {
        part.file.resume();
        const message = declared.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；');
        throw new AppError('validation_failed', `请求参数有误（sha256 等字段须在文件之前）：${message}`, {
          issues: declared.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      const { tap, result } = hashingTap();
      await pipeline(part.file, tap, createWriteStream(tempFile));
      if (part.file.truncated) throw tooLarge(maxBytes);
      received = { declared: declared.data, filename: part.filename || null, ...result() };
    }
  } catch (err) {
    throw multipartFailureOf(err, () => tooLarge(maxBytes)) ?? err;
  }
  if (!received) throw new AppError('validation_failed', '缺少照片文件（file 字段）');
  return received;
}

/** A received upload whose bytes match the declared SHA-256 and whose type the magic bytes confirm. */
export interface VerifiedUpload {
  sha256: string;
  size: number;
  mime: string;
  tempFile: string;
  name: string | null;
  declared: ReceivedFile['declared'];
}

/**
 * The one way a multipart file becomes trusted bytes, for every upload route: streamed to a
 * temp file in the store while hashed, checked against the client's `sha256` (a transfer
 * broken on the way is refused, not kept), not empty, and typed by its first bytes. `use`
 * runs with the verified file; the temp file is gone afterwards whatever happens.
 */
export async function withVerifiedUpload<T>(
  req: FastifyRequest,
  store: { tempFile(): string },
  o: { maxBytes: number; accepted: ReadonlySet<string>; notAccepted: string; what: string },
  use: (file: VerifiedUpload) => Promise<T>,
): Promise<T> {
  const temp = store.tempFile();
  try {
    const got = await receiveFile(req, temp, o.maxBytes);
    if (got.sha256 !== got.declared.sha256) {
      throw new AppError(
        'hash_mismatch',
        `${o.what}校验失败：收到的内容与 sha256 不一致（可能传输中损坏），请重新上传`,
        { declared: got.declared.sha256, received: got.sha256 },
      );
    }
    if (got.size === 0) throw new AppError('validation_failed', `${o.what}文件为空`);
    const mime = await sniffType(temp, o.accepted, o.notAccepted);
    return await use({
      sha256: got.sha256,
      size: got.size,
      mime,
      tempFile: temp,
      name: got.filename,
      declared: got.declared,
    });
  } finally {
    await rm(temp, { force: true });
  }
}
