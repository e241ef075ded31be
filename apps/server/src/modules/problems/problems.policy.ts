import { boundGroupIds, isProvincial, type RoleBinding } from '@ancha/core';

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
