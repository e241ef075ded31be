import { createHash, randomBytes } from 'node:crypto';
import {
  AppError,
  formatVerificationCode,
  groupVerificationCode,
  type IssuedDocumentOut,
  parseVerificationCode,
} from '@ancha/core';
import type { VerificationStamp } from '../../builders/docxKit.ts';
import { qrPng } from '../../builders/qr.ts';
import type { Actor, AppContext, IssuedDocument } from '../../context.ts';
import type { IssuedDocumentsTable } from '../../db/schema.ts';
import type { AuditEvent } from '../audit/audit.service.ts';
import { audited } from '../audit/audited.ts';
import * as repo from './issuance.repository.ts';

export type IssuedCopy = IssuedDocument & { code: string };

/** Where a scanned QR code leads: the console's verification page, when the public address is known. */
function verifyUrl(ctx: AppContext, code: string): string {
  const base = ctx.config.publicUrl?.replace(/\/$/, '');
  return base ? `${base}/verify/${code}` : `核验码 ${code}`;
}

/**
 * Issues one copy of a document: a fresh verification code (printed in it with its QR code),
 * the copy rendered, and a record of its hash in the same audited write as `audit` (the
 * download or mail that hands it out). A forged or altered copy is recognised by its code not
 * existing or its hash not matching.
 */
export async function issueDocument(
  ctx: AppContext,
  actor: Actor,
  o: {
    kind: string;
    refId: string | null;
    render: (stamp: VerificationStamp) => Promise<IssuedDocument>;
    audit: AuditEvent;
  },
): Promise<IssuedCopy> {
  const code = formatVerificationCode(randomBytes(10));
  const doc = await o.render({ code, qrPng: await qrPng(verifyUrl(ctx, code)) });
  const row: IssuedDocumentsTable = {
    code: code.replaceAll('-', ''),
    kind: o.kind,
    ref_id: o.refId,
    title: doc.title,
    number: doc.number ?? null,
    issuer: doc.issuer,
    filename: doc.filename,
    content_type: doc.contentType,
    sha256: createHash('sha256').update(doc.buffer).digest('hex'),
    bytes: doc.buffer.length,
    issued_at: ctx.now().toISOString(),
    issued_by: actor.userId ?? 'system',
  };
  await audited(ctx, actor, async (w) => {
    await repo.insertIssued(w.tx, row);
    await w.audit({ ...o.audit, data: { ...(o.audit.data as object), code, sha256: row.sha256 } });
  });
  return { ...doc, code };
}

/** Issues a copy of a registered document kind (the mail sender, scheduled reports, downloads). */
export async function issueRegistered(
  ctx: AppContext,
  actor: Actor,
  kind: string,
  refId: string,
  audit: AuditEvent,
): Promise<IssuedCopy> {
  const render = ctx.documents.renderer(kind);
  return issueDocument(ctx, actor, { kind, refId, render: (stamp) => render(ctx, refId, stamp), audit });
}

function present(r: IssuedDocumentsTable): IssuedDocumentOut {
  return {
    code: groupVerificationCode(r.code),
    kind: r.kind,
    title: r.title,
    number: r.number,
    issuer: r.issuer,
    filename: r.filename,
    sha256: r.sha256,
    bytes: r.bytes,
    issuedAt: r.issued_at,
  };
}

/** The issued copy a code names; a mistyped code is told apart from one that was never issued. */
export async function findIssuedDocument(ctx: AppContext, input: string): Promise<IssuedDocumentOut> {
  const parsed = parseVerificationCode(input);
  if (!parsed.ok) throw new AppError('validation_failed', parsed.message);
  const row = await repo.findIssued(ctx.db, parsed.code);
  if (!row) throw new AppError('not_found', '没有这个核验码：该文件不是本平台出具的，或核验码有误');
  return present(row);
}

/** Whether a file (by its hash, computed in the browser) is byte for byte the issued copy. */
export async function verifyIssuedFile(ctx: AppContext, input: string, sha256: string) {
  const document = await findIssuedDocument(ctx, input);
  return { matches: document.sha256 === sha256, document };
}
