import { createHash } from 'node:crypto';
import { AppError } from '@ancha/core';
import type { FastifyRequest } from 'fastify';

/** One uploaded sheet with the form fields sent before it (multipart/form-data). */
export interface SheetUpload {
  fields: Record<string, string>;
  bytes: Buffer;
  file: { name: string; sha256: string; bytes: number };
}

/** Reads the `file` part of an import form; the form's text fields must come before it. */
export async function readSheetUpload(req: FastifyRequest, limitBytes: number): Promise<SheetUpload> {
  if (!req.isMultipart()) {
    throw new AppError('unsupported_media_type', '请以 multipart/form-data 上传文件，字段名为 file');
  }
  const part = await req.file();
  if (part?.fieldname !== 'file') throw new AppError('bad_request', '请选择要导入的文件（字段名 file）');
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('payload_too_large', `文件不能超过${limitBytes / 1024 / 1024} MB`);
    }
    throw err;
  }
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(part.fields)) {
    const f = Array.isArray(v) ? v[0] : v;
    if (f && f.type === 'field' && typeof f.value === 'string') fields[k] = f.value;
  }
  return {
    fields,
    bytes,
    file: {
      name: part.filename,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
    },
  };
}
