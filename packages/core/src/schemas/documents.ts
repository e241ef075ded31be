import { z } from 'zod';

export const verificationCodeParams = z.object({ code: z.string().trim().min(1).max(40) });

/** What the verification of an issued copy shows: enough to tell a genuine copy, nothing more. */
export const issuedDocumentOut = z.object({
  code: z.string(),
  kind: z.string(),
  title: z.string(),
  number: z.string().nullable(),
  issuer: z.string(),
  filename: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  issuedAt: z.string(),
});
export type IssuedDocumentOut = z.infer<typeof issuedDocumentOut>;

/** A file to compare with the stored original, hashed in the browser (the file never leaves it). */
export const verifyFileBody = z.object({
  sha256: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{64}$/, 'sha256 须为64位十六进制')
    .transform((s) => s.toLowerCase()),
});

export const verifyFileOut = z.object({ matches: z.boolean(), document: issuedDocumentOut });
