import {
  ACTION_LABELS,
  type AttachmentOut,
  allowedActions,
  bureauCovers,
  type HandoverOut,
  PROBLEM_STATES,
  type ProblemAction,
  type ProblemOut,
  type ProblemState,
  type Role,
  type RoleBinding,
  shanghaiDate,
} from '@ancha/core';
import type { Tx } from '../../context.ts';
import type { HandoversTable, ProblemsTable } from '../../db/schema.ts';
import { divisionNames } from '../org/org.service.ts';
import * as repo from './problems.repository.ts';

export function handoverOut(h: HandoversTable, names: Map<string, string>, today: string): HandoverOut {
  const fb = h.feedback ? JSON.parse(h.feedback) : null;
  const fu = h.follow_up ? JSON.parse(h.follow_up) : null;
  return {
    id: h.id,
    number: h.number,
    bureauDivision: {
      code: h.bureau_division_code,
      name: names.get(h.bureau_division_code) ?? h.bureau_division_code,
    },
    deadline: h.deadline,
    requirements: h.requirements,
    handedOverAt: h.handed_over_at,
    receivedAt: h.received_at,
    feedback:
      fb && h.feedback_at
        ? { ...fb, caseNumber: fb.caseNumber ?? null, penaltyYuan: fb.penaltyYuan ?? null, at: h.feedback_at }
        : null,
    followUp:
      fu && h.followed_up_at
        ? { rectified: fu.rectified, findings: fu.findings, at: h.followed_up_at }
        : null,
    // Overdue: past the deadline without the bureau's feedback.
    overdue: !h.feedback_at && h.deadline < today,
  };
}

/** Whether a role binding may act on this particular problem (scope on top of the role). */
export function bindingActsOn(
  b: RoleBinding,
  p: ProblemsTable,
  ctx: { currentHandover?: HandoversTable; followUpGroupId?: string },
): boolean {
  switch (b.role) {
    case 'command':
      return true;
    case 'leader':
    case 'liaison':
    case 'inspector':
      if (p.state === 'feedback_submitted' || p.state === 'open') {
        return b.groupId === (p.state === 'open' ? p.group_id : ctx.followUpGroupId);
      }
      return b.groupId === p.group_id;
    case 'bureau': {
      const h = ctx.currentHandover;
      if (!h || !b.divisionCode) return false;
      return bureauCovers(b.divisionCode, h.bureau_division_code);
    }
    default:
      return false;
  }
}

export function actionsFor(
  roles: readonly RoleBinding[],
  p: ProblemsTable,
  ctx: { currentHandover?: HandoversTable; followUpGroupId?: string },
): ProblemAction[] {
  const acting = roles.filter((b) => bindingActsOn(b, p, ctx)).map((b) => b.role as Role);
  return allowedActions(p.state as ProblemState, acting);
}

export async function presentProblems(
  tx: Tx,
  rows: ProblemsTable[],
  viewer: { roles: readonly RoleBinding[]; isBureauOnly: boolean; now: Date },
  /** detail: history, handovers, attachments (one problem); handovers: every handover, already loaded (exports). */
  opts: { detail?: boolean; handovers?: boolean } = {},
): Promise<ProblemOut[]> {
  if (rows.length === 0) return [];
  const today = shanghaiDate(viewer.now);
  const [sites, groups, handovers, inspections] = await Promise.all([
    tx
      .selectFrom('sites')
      .selectAll()
      .where('id', 'in', [...new Set(rows.map((r) => r.site_id))])
      .execute(),
    tx
      .selectFrom('inspection_groups')
      .select(['id', 'number'])
      .where('id', 'in', [...new Set(rows.map((r) => r.group_id))])
      .execute(),
    repo.handoversOf(
      tx,
      rows.map((r) => r.id),
    ),
    tx
      .selectFrom('inspections as i')
      .innerJoin('people as a', 'a.id', 'i.inspector1_id')
      .innerJoin('people as b', 'b.id', 'i.inspector2_id')
      .select(['i.id', 'i.started_at', 'a.name as a', 'b.name as b'])
      .where('i.id', 'in', [...new Set(rows.map((r) => r.inspection_id))])
      .execute(),
  ]);
  const names = await divisionNames({ db: tx }, [
    ...sites.map((s) => s.division_code),
    ...handovers.map((h) => h.bureau_division_code),
  ]);
  const tasks = await tx
    .selectFrom('follow_up_tasks')
    .select(['problem_id', 'group_id'])
    .where('state', '=', 'open')
    .where(
      'problem_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  // Keyed once, so a ledger of thousands of problems stays linear.
  const siteById = new Map(sites.map((x) => [x.id, x]));
  const inspectionById = new Map(inspections.map((x) => [x.id, x]));
  const groupNumber = new Map(groups.map((g) => [g.id, g.number]));
  const taskGroup = new Map(tasks.map((t) => [t.problem_id, t.group_id]));
  const handoversByProblem = new Map<string, typeof handovers>();
  for (const h of handovers)
    handoversByProblem.set(h.problem_id, [...(handoversByProblem.get(h.problem_id) ?? []), h]);
  const out: ProblemOut[] = [];
  for (const p of rows) {
    const site = siteById.get(p.site_id)!;
    const insp = inspectionById.get(p.inspection_id);
    const mine = handoversByProblem.get(p.id) ?? [];
    const current = mine.find((h) => h.id === p.current_handover_id);
    const item: ProblemOut = {
      id: p.id,
      inspectionId: p.inspection_id,
      campaignId: p.campaign_id,
      roundId: p.round_id,
      groupId: p.group_id,
      groupNumber: groupNumber.get(p.group_id) ?? 0,
      kind: p.kind as ProblemOut['kind'],
      state: p.state as ProblemState,
      stateLabel: PROBLEM_STATES[p.state as ProblemState],
      category: p.category,
      description: p.description,
      proposeCaseFiling: !!p.propose_case_filing,
      site: {
        id: site.id,
        name: site.name,
        address: site.address,
        divisionCode: site.division_code,
        divisionName: names.get(site.division_code) ?? site.division_code,
        creditCode: site.credit_code,
      },
      foundAt: insp?.started_at ?? p.created_at,
      inspectors: insp ? [insp.a, insp.b] : [],
      createdAt: p.created_at,
      updatedAt: p.updated_at,
      closedAt: p.closed_at,
      handover: current ? handoverOut(current, names, today) : null,
      allowedActions: actionsFor(viewer.roles, p, {
        currentHandover: current,
        followUpGroupId: taskGroup.get(p.id),
      }),
    };
    if (opts.handovers && !opts.detail) item.handovers = mine.map((h) => handoverOut(h, names, today));
    if (opts.detail) {
      const events = await repo.eventsOf(tx, p.id);
      // A bureau sees the problem's story from the handover on, never the province's internal steps.
      const firstHandover = events.findIndex((e) => e.action === 'hand_over');
      item.history = events
        .filter((_e, i) => !viewer.isBureauOnly || (firstHandover >= 0 && i >= firstHandover))
        .map((e) => ({
          id: e.id,
          action: e.action,
          actionLabel: ACTION_LABELS[e.action as ProblemAction] ?? e.action,
          fromState: e.from_state,
          toState: e.to_state,
          actorName: e.actor_name,
          at: e.at,
          data: JSON.parse(e.data),
        }));
      item.handovers = mine.map((h) => handoverOut(h, names, today));
      item.attachments = (await repo.attachmentsOf(tx, p.id)).map(
        (a): AttachmentOut => ({
          id: a.id,
          purpose: a.purpose,
          sha256: a.sha256,
          kind: a.kind === 'photo' || a.kind === 'video' ? a.kind : 'document',
          mime: a.mime,
          name: a.name,
          uploadedAt: a.uploaded_at,
          uploadedBy: a.uploaded_by,
          url: `/api/v1/media/${a.sha256}`,
          thumbnailUrl: a.thumbnail_key ? `/api/v1/media/${a.sha256}/thumbnail` : null,
        }),
      );
    }
    out.push(item);
  }
  return out;
}
