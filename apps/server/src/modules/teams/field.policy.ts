import { boundGroupIds, isProvincial, type RoleBinding } from '@ancha/core';

/**
 * Who may read field work (teams, sites, inspections, evidence). The provincial side reads
 * everything; a group's liaison, leader and inspectors read their group's work. Bureau and
 * dispatching-city users read none of it: before handover the inspected city must learn
 * nothing of where groups went or what they found. Applied in the repository queries.
 */
export type FieldScope = { all: true } | { all: false; groupIds: string[] };

export function fieldScopeOf(roles: readonly RoleBinding[]): FieldScope {
  if (isProvincial(roles)) return { all: true };
  return { all: false, groupIds: boundGroupIds(roles, 'liaison', 'leader', 'inspector') };
}

export function inScope(scope: FieldScope, groupId: string): boolean {
  return scope.all || scope.groupIds.includes(groupId);
}

/** Leaders and liaisons act for their whole group; an inspector only for their own team. */
export function actsForGroup(roles: readonly RoleBinding[], groupId: string): boolean {
  return roles.some((r) => (r.role === 'leader' || r.role === 'liaison') && r.groupId === groupId);
}
