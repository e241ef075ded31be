import { createHash } from 'node:crypto';
import { AppError } from '@ancha/core';
import type { FastifyRequest } from 'fastify';
import type { UploadedFile } from './checklists.service.ts';

/** A checklist or a clue sheet is kilobytes; 5 MB leaves room for formatting, not for abuse. */
export const DISPATCH_FILE_LIMIT = 5 * 1024 * 1024;

/** The one file of a multipart import (field `file`), with its name, hash and size for the audit. */
export async function uploadedSheet(req: FastifyRequest): Promise<{ bytes: Buffer; file: UploadedFile }> {
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
      throw new AppError('payload_too_large', `文件不能超过${DISPATCH_FILE_LIMIT / 1024 / 1024} MB`);
    }
    throw err;
  }
  return {
    bytes,
    file: {
      name: part.filename,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
    },
  };
}
