import type { Role, RoleBinding } from '@ancha/core';
import { canOpen, navFor } from './nav.ts';

/**
 * Where `/` takes each role: the one table of landing pages. The first row whose role the
 * user holds (and whose page the user may open) wins, so a person with several roles lands
 * where their most demanding role works. To land the command group on the command dashboard,
 * Nothing else decides this.
 */
export const LANDING: readonly (readonly [Role, string])[] = [
  ['admin', '/users'],
  ['command', '/dashboard'],
  ['datadesk', '/dashboard'],
  // A group's day: each team's quota, tasks due, problems waiting for the leader or liaison.
  ['leader', '/group-day'],
  ['liaison', '/group-day'],
  // Inspectors record on the phone; in the console they see their group's records (with a link to /field/).
  ['inspector', '/inspections'],
  // What is due: to sign for, to answer, overdue.
  ['bureau', '/home'],
  // A dispatching city's work is nominating its staff for each round.
  ['dispatcher', '/nominations'],
];

/** The landing page for these role bindings; the first menu entry if no row applies. */
export function landingFor(roles: readonly RoleBinding[]): string | null {
  for (const [role, path] of LANDING) {
    if (roles.some((b) => b.role === role) && canOpen(roles, path)) return path;
  }
  return navFor(roles)[0]?.path ?? null;
}
