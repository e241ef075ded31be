import { AppError, bindingsWith, bureauCovers, type RoleBinding, shanghaiDate } from '@ancha/core';
import { DOCX_MIME, XLSX_MIME } from '../../builders/format.ts';
import { buildHandoverDocx, DEFAULT_ISSUER } from '../../builders/handoverDocx.ts';
import { buildLedgerXlsx } from '../../builders/ledgerXlsx.ts';
import type { Actor, AppContext, DocumentRenderer, RenderedDocument } from '../../context.ts';
import { HANDOVER_DOCX } from '../handovers/handovers.mail.ts';
import { handoversByIds } from '../handovers/handovers.service.ts';
import { issueDocument, issueRegistered } from '../issuance/issuance.service.ts';
import { type ProblemScope, problemScopeOf, SYSTEM_PROBLEM_SCOPE } from '../problems/problems.policy.ts';
import { allProblems, getProblem } from '../problems/problems.service.ts';
import { handoverDocData, handoverFileName } from './handover.data.ts';
import { type LedgerFilter, ledgerData } from './ledger.data.ts';

/**
 * The scope in which a caller may read one handover's form: the provincial side; the leader
 * and liaison of the group that found the problem (or was given its follow-up); and the bureau
 * it was addressed to, or that bureau's city bureau. A bureau that received another handover
 * of the same problem does not see this one. Inspectors draft, they do not hand over.
 */
function handoverScope(roles: readonly RoleBinding[], addressedTo: string): ProblemScope {
  const scope = problemScopeOf(bindingsWith(roles, 'handovers.document'));
  if (scope.all) return scope;
  return { ...scope, bureauDivisions: scope.bureauDivisions.filter((b) => bureauCovers(b, addressedTo)) };
}

/**
 * The 《环境问题交办单》 of a handover, rendered by the platform itself: the form is the same
 * document whoever receives it (the addressed bureau by mail, or a download), built from the
 * data at the time, so the mail and the download never disagree.
 */
export const renderHandoverDocument: DocumentRenderer = async (ctx, handoverId, stamp) => {
  const [h] = await handoversByIds(ctx, [handoverId]);
  if (!h) throw new AppError('not_found', '交办单不存在');
  const problem = await getProblem(ctx, h.problem_id, [], SYSTEM_PROBLEM_SCOPE);
  const data = await handoverDocData(ctx, problem, handoverId);
  return {
    filename: handoverFileName(data.number),
    buffer: await buildHandoverDocx({ ...data, stamp }),
    contentType: DOCX_MIME,
    title: '环境问题交办单',
    number: data.number,
    issuer: data.issuer ?? DEFAULT_ISSUER,
  };
};

/** A caller's download of a handover's form (404 outside their scope), recorded in the audit log. */
export async function handoverDocxFor(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  handoverId: string,
): Promise<RenderedDocument> {
  // Absent and out of scope answer alike: a bureau learns nothing of other places' handovers.
  const missing = () => new AppError('not_found', '交办单不存在');
  const [h] = await handoversByIds(ctx, [handoverId]);
  if (!h) throw missing();
  const scope = handoverScope(roles, h.bureau_division_code);
  if (!scope.all && scope.groupIds.length === 0 && scope.bureauDivisions.length === 0) throw missing();
  await getProblem(ctx, h.problem_id, roles, scope).catch((err) => {
    throw err instanceof AppError && err.code === 'not_found' ? missing() : err;
  });
  return issueRegistered(ctx, actor, HANDOVER_DOCX, handoverId, {
    action: 'handover.document',
    entity: 'handover',
    entityId: handoverId,
  });
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
  const problems = await allProblems(ctx, f, roles);
  problems.sort(
    (a, b) => a.foundAt.localeCompare(b.foundAt) || a.groupNumber - b.groupNumber || a.id.localeCompare(b.id),
  );
  const data = await ledgerData(ctx, f, problems, roles);
  const filename = `暗访核查问题清单_${shanghaiDate(ctx.now()).replaceAll('-', '')}.xlsx`;
  const copy = await issueDocument(ctx, actor, {
    kind: 'problem_ledger',
    refId: null,
    render: async (stamp) => ({
      filename,
      buffer: await buildLedgerXlsx({ ...data, verificationCode: stamp.code }),
      contentType: XLSX_MIME,
      title: data.title,
      issuer: DEFAULT_ISSUER,
    }),
    audit: {
      action: 'problem.ledger_export',
      entity: 'problem',
      data: { filter: f, count: problems.length, filename },
    },
  });
  return { ...copy, count: problems.length };
}
