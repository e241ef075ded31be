import { boundGroupIds, cityOf, isProvincial, type RoleBinding } from '@ancha/core';

/**
 * Whose records a caller may read, applied inside the repository queries. The provincial
 * side sees everyone; a group's leader, liaison and inspectors see the people who serve (or
 * served, in any round) in their groups; a dispatching city sees the staff it sends, i.e.
 * people whose home division lies in that city. Bureau users never reach these routes: the
 * roster tells an inspected city who is coming.
 */
export type PeopleScope = { all: true } | { all: false; groupIds: string[]; cityCodes: string[] };

export function peopleScopeOf(roles: readonly RoleBinding[]): PeopleScope {
  if (isProvincial(roles)) return { all: true };
  const cityCodes = roles
    .filter((r) => r.role === 'dispatcher' && r.divisionCode)
    .map((r) => cityOf(r.divisionCode!));
  return { all: false, groupIds: boundGroupIds(roles), cityCodes: [...new Set(cityCodes)] };
}
