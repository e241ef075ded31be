import { boundGroupIds, cityOf, PROVINCE_ROLES, type RoleBinding } from '@ancha/core';

/**
 * Whose records a caller may read, applied inside the repository queries. The provincial
 * side sees everyone; a group's leader, liaison and inspectors see the people who serve (or
 * served, in any round) in their groups; a dispatching city sees the staff it sends, i.e.
 * people whose home division lies in that city. Bureau users never reach these routes: the
 * roster tells an inspected city who is coming.
 */
export type PeopleScope = { all: true } | { all: false; groupIds: string[]; cityCodes: string[] };

export function peopleScopeOf(roles: readonly RoleBinding[]): PeopleScope {
  if (roles.some((r) => PROVINCE_ROLES.includes(r.role))) return { all: true };
  const cityCodes = roles
    .filter((r) => r.role === 'dispatcher' && r.divisionCode)
    .map((r) => cityOf(r.divisionCode!));
  return { all: false, groupIds: boundGroupIds(roles), cityCodes: [...new Set(cityCodes)] };
}

export const PEOPLE_READERS = [
  'admin',
  'command',
  'datadesk',
  'dispatcher',
  'leader',
  'liaison',
  'inspector',
] as const;
/** Only the command group changes people and rosters (the plan: no unapproved roster changes). */
export const ROSTER_EDITORS = ['admin', 'command'] as const;
/** Whole-roster spreadsheets hold every group's staff: provincial side only. */
export const ROSTER_SHEET_READERS = ['admin', 'command', 'datadesk'] as const;
