import {
  allowedActions,
  boundGroupIds,
  bureauCovers,
  isProvincial,
  type ProblemAction,
  type RoleBinding,
} from '@ancha/core';
import type { ProblemsTable } from '../../db/schema.ts';
import type { HandoverRow } from '../handovers/handovers.service.ts';
import type { GroupTask } from '../tasks/tasks.service.ts';

/**
 * A problem with what decides who may act on it now: its current handover (the bureau it is
 * addressed to) and its open 回头看 task (the group that must re-inspect). Loaded by
 * problems.case.ts.
 */
export interface ProblemCase {
  problem: ProblemsTable;
  handover?: HandoverRow;
  followUpTask?: GroupTask;
}

/**
 * Who may read which problems. The provincial side reads all. A group reads the problems it
 * found and those whose follow-up (回头看) it was given. A bureau reads a problem only through
 * a handover addressed to its division (a city bureau also through its counties'), so before
 * handover the inspected place cannot see it at all. Applied inside the repository queries.
 */
export interface ProblemScope {
  all: boolean;
  groupIds: string[];
  /** County codes (exact) and city codes (the city and all its counties) of bureau bindings. */
  bureauDivisions: string[];
}

export function problemScopeOf(roles: readonly RoleBinding[]): ProblemScope {
  if (isProvincial(roles)) return { all: true, groupIds: [], bureauDivisions: [] };
  return {
    all: false,
    groupIds: boundGroupIds(roles, 'liaison', 'leader', 'inspector'),
    bureauDivisions: roles.filter((r) => r.role === 'bureau' && r.divisionCode).map((r) => r.divisionCode!),
  };
}

/** The platform itself (rendering a 交办单 for the mail sender): every problem, no actions. */
export const SYSTEM_PROBLEM_SCOPE: ProblemScope = { all: true, groupIds: [], bureauDivisions: [] };

/** Whether a role binding may act on this particular problem (scope on top of the role). */
export function bindingActsOn(b: RoleBinding, c: ProblemCase): boolean {
  const p = c.problem;
  switch (b.role) {
    case 'command':
      return true;
    case 'leader':
    case 'liaison':
    case 'inspector':
      // An on-the-spot fix is the finding group's; a 回头看 is the group given the task.
      if (p.state === 'open') return b.groupId === p.group_id;
      if (p.state === 'feedback_submitted') return b.groupId === c.followUpTask?.group_id;
      return b.groupId === p.group_id;
    case 'bureau':
      return (
        !!c.handover && !!b.divisionCode && bureauCovers(b.divisionCode, c.handover.bureau_division_code)
      );
    default:
      return false;
  }
}

/** The lifecycle actions the caller may take on the problem now: role by core's table, scope per binding. */
export function actionsFor(roles: readonly RoleBinding[], c: ProblemCase): ProblemAction[] {
  const acting = roles.filter((b) => bindingActsOn(b, c)).map((b) => b.role);
  return allowedActions(c.problem.state, acting);
}
