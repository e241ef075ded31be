import { hasRole, type Role, type RoleBinding } from './roles.ts';

/**
 * Named capabilities: who may call a route and who sees the menu entry or button that leads
 * to it are one decision, taken here once. The server's `config.access` names a capability,
 * the console's menu and buttons name the same one. What a binding then sees inside a
 * capability (its group, its division) is scope, decided per binding by the server.
 *
 * Bureau users (属地局) hold no capability that reads plans, groups, rosters or field work:
 * that is exactly what the inspected city must not learn.
 */
export const CAPABILITIES = {
  /** Campaigns, rounds and the group table (附件1); a dispatching city sees the groups it staffs. */
  'campaign.read': ['admin', 'command', 'datadesk', 'liaison', 'leader', 'inspector', 'dispatcher'],
  /** Move round dates, edit group rows. */
  'campaign.edit': ['admin', 'command'],
  /** Teams, sites, inspection records, evidence, quota, the situation map. */
  'field.read': ['admin', 'command', 'datadesk', 'liaison', 'leader', 'inspector'],
  /** Record inspections and their evidence (phone). */
  'field.record': ['leader', 'liaison', 'inspector'],
  /** Register sites in the registry. */
  'sites.write': ['admin', 'command', 'leader', 'liaison', 'inspector'],
  /** Form and change 2-person teams. */
  'teams.form': ['admin', 'command', 'leader'],
  /** Read problems (a bureau: only those handed over to it, from handover on). */
  'problems.read': ['admin', 'command', 'datadesk', 'liaison', 'leader', 'inspector', 'bureau'],
  /** Take lifecycle actions and attach files to them (the lifecycle table decides which). */
  'problems.act': ['command', 'liaison', 'leader', 'inspector', 'bureau'],
  /** The problem board and review queue: the province and a group's leader and liaison. */
  'problems.desk': ['admin', 'command', 'datadesk', 'liaison', 'leader'],
  /** Group tasks of every kind (回头看, checklist items, clues) in the caller's groups. */
  'tasks.read': ['admin', 'command', 'datadesk', 'liaison', 'leader', 'inspector'],
  /** The console's task list: those who do or dispatch tasks (inspectors also on the phone). */
  'tasks.desk': ['command', 'liaison', 'leader', 'inspector'],
  /** Download a 《环境问题交办单》 (scope narrows to the addressed bureau and the finding group). */
  'handovers.document': ['admin', 'command', 'datadesk', 'liaison', 'leader', 'bureau'],
  /** Read stored evidence bytes (a bureau: only through problems handed to it). */
  'media.read': ['admin', 'command', 'datadesk', 'liaison', 'leader', 'inspector', 'bureau'],
  /** The people registry and round rosters (a dispatching city: its own staff). */
  'people.read': ['admin', 'command', 'datadesk', 'dispatcher', 'leader', 'liaison', 'inspector'],
  /** Change people and rosters (the plan: no unapproved roster changes). */
  'roster.edit': ['admin', 'command'],
  /** Whole-round roster spreadsheets: every group's staff, provincial side only. */
  'roster.sheets': ['admin', 'command', 'datadesk'],
  /** Nominate staff for a round (a dispatching city: its own staff only). */
  'nominations.write': ['admin', 'command', 'dispatcher'],
  /** Nominations and their qualification results (a dispatching city: its own only). */
  'nominations.read': ['admin', 'command', 'datadesk', 'dispatcher'],
  /** Send an unqualified nominee back and issue the province-wide notice (通报). */
  'nominations.review': ['admin', 'command'],
  /** The assignment planner: propose and confirm a round's group table. */
  'plan.manage': ['admin', 'command'],
  /** Ask for a change to a frozen roster (the command group decides with roster.edit). */
  'roster.request': ['admin', 'command', 'leader', 'liaison', 'dispatcher'],
  /** Make accounts for a round's roster and print their one-time login codes. */
  'accounts.issue': ['admin', 'command'],
  /** Sign one's own integrity pledge and self-check. */
  'integrity.sign': ['datadesk', 'liaison', 'leader', 'inspector'],
  /** Who has and has not signed (a group's leader and liaison: their group). */
  'integrity.read': ['admin', 'command', 'datadesk', 'leader', 'liaison'],
  /** Record a discipline matter against a person (the group's leader and liaison, the province). */
  'discipline.write': ['admin', 'command', 'leader', 'liaison'],
  'discipline.read': ['admin', 'command', 'datadesk', 'leader', 'liaison'],
  /** Report a safety incident, and close it (leader and liaison are its named owners). */
  'safety.report': ['admin', 'command', 'leader', 'liaison', 'inspector'],
  'safety.read': ['admin', 'command', 'datadesk', 'leader', 'liaison'],
  /** What was handed over between a round's outgoing and incoming groups. */
  'rotation.read': ['admin', 'command', 'datadesk', 'leader', 'liaison'],
  /** Accounts and role bindings. */
  'users.manage': ['admin'],
  'audit.read': ['admin', 'command'],
  'audit.verify': ['admin'],
  'jobs.read': ['admin', 'command'],
  'jobs.run': ['admin'],
  /** The mail outbox and the bureaus' handover mailboxes. */
  'mail.manage': ['admin', 'command'],
  /** The bureau's own inbox of handovers. */
  'bureau.inbox': ['bureau'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;
export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as Capability[];

/** The roles that hold a capability. */
export function rolesWith(capability: Capability): readonly Role[] {
  return CAPABILITIES[capability];
}

/** Whether any of the bindings holds the capability. */
export function can(bindings: readonly RoleBinding[], capability: Capability): boolean {
  return hasRole(bindings, ...CAPABILITIES[capability]);
}

/** The bindings through which a caller holds a capability (scope is then decided per binding). */
export function bindingsWith(bindings: readonly RoleBinding[], capability: Capability): RoleBinding[] {
  const roles: readonly Role[] = CAPABILITIES[capability];
  return bindings.filter((b) => roles.includes(b.role));
}
