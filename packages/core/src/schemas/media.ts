import { z } from 'zod';
import { binary, isoInstant } from './common.ts';

/** What the media store holds: field evidence (photos, videos) and the PDFs bureaus attach. */
export const MEDIA_KINDS = ['photo', 'video', 'document'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
export const EVIDENCE_KINDS = ['photo', 'video'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** A file's SHA-256 as a client declares it (any case; stored lower-case). */
export const sha256Hex = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{64}$/, 'sha256 须为64位十六进制')
  .transform((s) => s.toLowerCase());

/** GET /media/:sha256 — stored files are named by their lower-case SHA-256. */
export const mediaParams = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '文件编号应为64位小写十六进制'),
});

/**
 * The fields of a photo or attachment upload, sent before the file part so the server can
 * refuse before reading any byte; `sha256` is checked against the bytes received.
 */
export const photoUploadFields = z.object({
  sha256: sha256Hex,
  capturedAt: isoInstant.optional(),
  queuedAt: isoInstant.optional(),
});
export type PhotoUploadFields = z.input<typeof photoUploadFields>;

/** The multipart form as the OpenAPI document shows it: the fields, then `file`. */
export const photoUploadForm = photoUploadFields.extend({ file: binary });

/** tus `Upload-Metadata` of a video upload (values base64 in the header, as tus prescribes). */
export const videoUploadMeta = z.object({
  inspectionId: z.string().uuid('inspectionId 须为检查记录 ID'),
  sha256: sha256Hex,
  filename: z.string().max(255).optional(),
  capturedAt: isoInstant.optional(),
  queuedAt: isoInstant.optional(),
});
export type VideoUploadMeta = z.input<typeof videoUploadMeta>;
