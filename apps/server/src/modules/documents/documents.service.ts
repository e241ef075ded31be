import { AppError, bindingsWith, bureauCovers, type RoleBinding, shanghaiDate } from '@ancha/core';
import type { Actor, AppContext } from '../../context.ts';
import { buildHandoverDocx } from '../../documents/handoverDocx.ts';
import { buildLedgerXlsx } from '../../documents/ledgerXlsx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type ProblemScope, problemScopeOf } from '../problems/problems.policy.ts';
import { allProblems, getProblem } from '../problems/problems.service.ts';
import * as repo from './documents.repository.ts';
import { handoverDocData, handoverFileName } from './handover.data.ts';
import { type LedgerFilter, ledgerData } from './ledger.data.ts';

export interface RenderedDocument {
  filename: string;
  buffer: Buffer;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Who may read one handover's form: the provincial side; the leader and liaison of the
 * group that found the problem (or was given its follow-up); and the bureau it was
 * addressed to, or that bureau's city bureau. A bureau that received another handover of
 * the same problem does not see this one. Inspectors draft, they do not hand over.
 */
function handoverScope(
  roles: readonly RoleBinding[],
  h: { bureau_division_code: string; bureau_city_code: string },
): { roles: RoleBinding[]; scope: ProblemScope } {
  const docRoles = bindingsWith(roles, 'handovers.document');
  const scope = problemScopeOf(docRoles);
  if (scope.all) return { roles: docRoles, scope };
  const addressed = (code: string) => bureauCovers(code, h.bureau_division_code);
  return { roles: docRoles, scope: { ...scope, bureauDivisions: scope.bureauDivisions.filter(addressed) } };
}

async function render(
  ctx: AppContext,
  roles: readonly RoleBinding[],
  handoverId: string,
): Promise<RenderedDocument> {
  const ref = await repo.handoverRef(ctx.db, handoverId);
  // Absent and out of scope answer alike: a bureau learns nothing of other places' handovers.
  const missing = () => new AppError('not_found', '交办单不存在');
  if (!ref) throw missing();
  const { roles: docRoles, scope } = handoverScope(roles, ref);
  if (!scope.all && scope.groupIds.length === 0 && scope.bureauDivisions.length === 0) throw missing();
  const problem = await getProblem(ctx, ref.problem_id, docRoles, scope).catch((err) => {
    throw err instanceof AppError && err.code === 'not_found' ? missing() : err;
  });
  const data = await handoverDocData(ctx, problem, handoverId);
  return { filename: handoverFileName(data.number), buffer: await buildHandoverDocx(data) };
}

/**
 * The 《环境问题交办单》 of a handover, for the mail sender (attachments with
 * `source: 'handover_docx'`): the system reads every handover. Rendered from the data at
 * the time of sending, so the mail and the download never disagree.
 */
export async function renderHandoverDocx(ctx: AppContext, handoverId: string): Promise<RenderedDocument> {
  return render(ctx, [{ role: 'admin' }], handoverId);
}

/** A caller's download of a handover's form, recorded in the audit log. */
export async function handoverDocxFor(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  handoverId: string,
): Promise<RenderedDocument> {
  const doc = await render(ctx, roles, handoverId);
  await ctx.db.transaction().execute((tx) =>
    recordAudit(ctx, tx, actor, {
      action: 'handover.document',
      entity: 'handover',
      entityId: handoverId,
      data: { filename: doc.filename, bytes: doc.buffer.length },
    }),
  );
  return doc;
}

/**
 * The problem ledger (问题清单) within the caller's scope — a bureau's holds only what was
 * handed to it — in the order found. Every export is audited with its filter and size.
 */
export async function ledgerFor(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  f: LedgerFilter,
): Promise<RenderedDocument & { count: number }> {
  const problems = await allProblems(ctx, f, roles, problemScopeOf(roles));
  problems.sort(
    (a, b) => a.foundAt.localeCompare(b.foundAt) || a.groupNumber - b.groupNumber || a.id.localeCompare(b.id),
  );
  const buffer = await buildLedgerXlsx(await ledgerData(ctx, f, problems));
  const filename = `暗访核查问题清单_${shanghaiDate(ctx.now()).replaceAll('-', '')}.xlsx`;
  await ctx.db.transaction().execute((tx) =>
    recordAudit(ctx, tx, actor, {
      action: 'problem.ledger_export',
      entity: 'problem',
      data: { filter: f, count: problems.length, filename },
    }),
  );
  return { filename, buffer, count: problems.length };
}
