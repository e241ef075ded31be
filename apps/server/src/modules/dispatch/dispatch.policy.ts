import { boundGroupIds, isProvincial, type RoleBinding } from '@ancha/core';

/**
 * Whose dispatch work a caller reads: the provincial side every group's; a group's liaison,
 * leader and inspectors their own groups'. Bureaus and dispatching cities hold no dispatch
 * capability at all (where a group is sent next is exactly what the inspected city must not
 * learn); an empty list here reads nothing. Applied in the repository queries.
 */
export type DispatchScope = { all: true } | { all: false; groupIds: string[] };

export function dispatchScopeOf(roles: readonly RoleBinding[], groupId?: string): DispatchScope {
  if (isProvincial(roles)) return groupId ? { all: false, groupIds: [groupId] } : { all: true };
  const mine = boundGroupIds(roles, 'liaison', 'leader', 'inspector');
  return { all: false, groupIds: groupId ? mine.filter((g) => g === groupId) : mine };
}

/** The groups a caller acknowledges instructions for: where they are leader or liaison. */
export function acknowledgingGroups(roles: readonly RoleBinding[]): string[] {
  return boundGroupIds(roles, 'leader', 'liaison');
}
