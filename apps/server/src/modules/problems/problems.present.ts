import {
  ACTION_LABELS,
  type AttachmentOut,
  boundGroupIds,
  type HandoverOut,
  isProvincial,
  PROBLEM_STATES,
  type ProblemAction,
  type ProblemOut,
  type RoleBinding,
  shanghaiDate,
  stationedGroupName,
} from '@ancha/core';
import type { AppContext } from '../../context.ts';
import type { ProblemsTable } from '../../db/schema.ts';
import { attachmentsOfProblems, feedbackPhotosOf } from '../attachments/attachments.service.ts';
import { handoverOut } from '../handovers/handovers.present.ts';
import { handoversOfProblems } from '../handovers/handovers.service.ts';
import { divisionNames } from '../org/org.service.ts';
import { taskGroupsOfSources } from '../tasks/tasks.service.ts';
import { loadCases, type ProblemCase } from './problems.case.ts';
import { handoverContacts } from './problems.contacts.ts';
import { actionsFor } from './problems.policy.ts';
import * as repo from './problems.repository.ts';

/**
 * How a caller sees one problem, decided per binding: the full view when a provincial or
 * group binding reaches it (the group that found it, or one given its 回头看); otherwise the
 * bureau's view — its story from the handover on, no internal steps — whatever other roles
 * the same user holds for other places.
 */
export type ProblemView = 'full' | 'bureau';

export function viewOf(
  roles: readonly RoleBinding[],
  p: ProblemsTable,
  taskGroups: readonly string[],
): ProblemView {
  if (isProvincial(roles)) return 'full';
  const groups = boundGroupIds(roles, 'liaison', 'leader', 'inspector');
  return groups.includes(p.group_id) || taskGroups.some((g) => groups.includes(g)) ? 'full' : 'bureau';
}

/** Who took a step, as the inspected side may read it: bodies, not the province's or groups' accounts. */
function actorForBureau(action: string, actorName: string, groupName: string): string {
  if (action === 'receive' || action === 'submit_feedback') return actorName; // the bureau's own
  if (action === 'follow_up') return groupName;
  return '省生态环境厅';
}

// Internal references the inspected side has no business with (which group re-inspects, which record).
const BUREAU_HIDDEN_DATA = ['followUpGroupId', 'followUpInspectionId', 'inspectionId'];

/** Problems in the API's shape with a fixed number of queries, whatever the page size. */
export async function presentProblems(
  ctx: AppContext,
  rows: readonly ProblemsTable[],
  roles: readonly RoleBinding[],
  /** detail: history, handovers, attachments (one problem); handovers: every handover (exports). */
  opts: { detail?: boolean; handovers?: boolean; cases?: Map<string, ProblemCase> } = {},
): Promise<ProblemOut[]> {
  if (rows.length === 0) return [];
  const today = shanghaiDate(ctx.now());
  const ids = rows.map((r) => r.id);
  const [facts, handovers, cases, taskGroups, contacts] = await Promise.all([
    repo.presentationFacts(ctx.db, rows),
    handoversOfProblems(ctx, ids),
    opts.cases ?? loadCases(ctx, rows),
    taskGroupsOfSources(ctx, 'follow_up', ids),
    handoverContacts(ctx, rows),
  ]);
  const names = await divisionNames(ctx, [
    ...facts.sites.map((s) => s.division_code),
    ...facts.groups.map((g) => g.stationed_city_code),
    ...handovers.map((h) => h.bureau_division_code),
  ]);
  const [attachments, feedbackPhotos] = await Promise.all([
    opts.detail ? attachmentsOfProblems(ctx, ids) : new Map<string, AttachmentOut[]>(),
    feedbackPhotosOf(
      ctx,
      handovers.map((h) => h.id),
    ),
  ]);
  const present = (h: (typeof handovers)[number], contact: HandoverOut['contact']) =>
    handoverOut(h, names, today, contact, feedbackPhotos.get(h.id) ?? 0);
  // Keyed once, so a ledger of thousands of problems stays linear.
  const siteById = new Map(facts.sites.map((x) => [x.id, x]));
  const inspectionById = new Map(facts.inspections.map((x) => [x.id, x]));
  const groupById = new Map(facts.groups.map((g) => [g.id, g]));
  const handoversByProblem = new Map<string, typeof handovers>();
  for (const h of handovers)
    handoversByProblem.set(h.problem_id, [...(handoversByProblem.get(h.problem_id) ?? []), h]);

  const out: ProblemOut[] = [];
  for (const p of rows) {
    const site = siteById.get(p.site_id)!;
    const insp = inspectionById.get(p.inspection_id);
    const mine = handoversByProblem.get(p.id) ?? [];
    const c = cases.get(p.id)!;
    const restricted = viewOf(roles, p, taskGroups.get(p.id) ?? []) === 'bureau';
    const group = groupById.get(p.group_id);
    const groupName = stationedGroupName(
      group ? (names.get(group.stationed_city_code) ?? group.stationed_city_code) : '',
    );
    const contact = contacts.get(p.id) ?? null;
    const item: ProblemOut = {
      id: p.id,
      inspectionId: p.inspection_id,
      campaignId: p.campaign_id,
      roundId: p.round_id,
      groupId: p.group_id,
      groupNumber: group?.number ?? 0,
      groupName,
      restricted,
      kind: p.kind,
      state: p.state,
      stateLabel: PROBLEM_STATES[p.state],
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
      // The inspected side never learns who inspected: the same people keep working there.
      inspectors: insp && !restricted ? [insp.a, insp.b] : [],
      createdAt: p.created_at,
      updatedAt: p.updated_at,
      closedAt: p.closed_at,
      handover: c.handover ? present(c.handover, contact) : null,
      allowedActions: actionsFor(roles, c),
    };
    if (opts.handovers || opts.detail) item.handovers = mine.map((h) => present(h, contact));
    if (opts.detail) {
      const events = await repo.eventsOf(ctx.db, p.id);
      // A bureau's view starts at the handover: the province's internal steps are not its business.
      const firstHandover = events.findIndex((e) => e.action === 'hand_over');
      item.history = events
        .filter((_e, i) => !restricted || (firstHandover >= 0 && i >= firstHandover))
        .map((e) => {
          const data = JSON.parse(e.data) as Record<string, unknown>;
          if (restricted) for (const k of BUREAU_HIDDEN_DATA) delete data[k];
          return {
            id: e.id,
            action: e.action,
            actionLabel: ACTION_LABELS[e.action as ProblemAction] ?? e.action,
            fromState: e.from_state,
            toState: e.to_state,
            actorName: restricted ? actorForBureau(e.action, e.actor_name, groupName) : e.actor_name,
            at: e.at,
            data,
          };
        });
      item.attachments = attachments.get(p.id) ?? [];
    }
    out.push(item);
  }
  return out;
}
