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
  /** Instructions and alerts addressed to the caller's groups (the phone shows them too). */
  'dispatch.read': ['admin', 'command', 'datadesk', 'liaison', 'leader', 'inspector'],
  /** Issue instructions and alerts, push checklists and 12369 clues, merge clues. */
  'dispatch.command': ['admin', 'command'],
  /** The command room's dispatch pages and summary: every group's instructions, items and clues. */
  'dispatch.desk': ['admin', 'command', 'datadesk'],
  /** A group's leader or liaison confirms it has received an instruction. */
  'dispatch.acknowledge': ['leader', 'liaison'],
  /** Typical cases, daily packages and round reports of the caller's groups (never a bureau's). */
  'reports.read': ['admin', 'command', 'datadesk', 'liaison', 'leader', 'inspector'],
  /** Write typical cases (附件3) from a group's inspections. */
  'cases.write': ['datadesk', 'liaison', 'leader', 'inspector'],
  /** Mark a typical case for public exposure (公开曝光). */
  'cases.expose': ['admin', 'command'],
  /** Send a group's daily package by hand before 20:00. */
  'packages.send': ['command', 'liaison', 'leader'],
  /** Draft and sign the round report (附件4): the group's leader, with their own account. */
  'reports.sign': ['leader'],
  /** Stage reports over a date range and scope. */
  'reports.stage': ['admin', 'command', 'datadesk'],
  /** The command dashboard's panels (a group's leader and liaison: their group). */
  'dashboard.read': ['admin', 'command', 'datadesk', 'liaison', 'leader'],
  /** The daily dispatch report (日报): generated for command, kept for every day. */
  'reports.daily': ['admin', 'command', 'datadesk'],
  /** The bureau's own inbox of handovers. */
  'bureau.inbox': ['bureau'],
  /** "散乱污" ledgers and their ledger-check report (a group: its stationed city only). */
  'ledgers.read': ['admin', 'command', 'datadesk', 'liaison', 'leader', 'inspector'],
  /** Import a city's ledger: the province's data about the city. */
  'ledgers.import': ['admin', 'command'],
  /** The site registry's housekeeping: merge duplicates, import sites (a group: its city). */
  'sites.manage': ['admin', 'command', 'leader', 'liaison'],
  /** Priority areas (重点区域) and the PM2.5 ranking behind them. */
  'priority.read': ['admin', 'command', 'datadesk', 'liaison', 'leader', 'inspector'],
  /** Import the ranking and confirm the counties for concentrated checks. */
  'priority.manage': ['admin', 'command'],
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
