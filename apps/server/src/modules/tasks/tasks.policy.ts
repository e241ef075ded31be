import { boundGroupIds, isProvincial, type RoleBinding } from '@ancha/core';

/**
 * Whose tasks a caller reads: the provincial side every group's; a group's liaison, leader
 * and inspectors their own groups'. Nobody else (bureaus, dispatching cities) has any: a task
 * names where a group will go next. Applied in the repository query.
 */
export function taskGroupsOf(roles: readonly RoleBinding[], groupId?: string): string[] | undefined {
  if (isProvincial(roles)) return groupId ? [groupId] : undefined;
  const mine = boundGroupIds(roles, 'liaison', 'leader', 'inspector');
  return groupId ? mine.filter((g) => g === groupId) : mine;
}
