import { hasRole, type Role, type RoleBinding } from '@ancha/core';

export interface NavItem {
  path: string;
  label: string;
  icon:
    | 'home'
    | 'campaign'
    | 'roster'
    | 'users'
    | 'inspections'
    | 'situation'
    | 'teams'
    | 'problems'
    | 'followups'
    | 'bureau';
  roles: readonly Role[];
  /** A count shown beside the label (the review queue's waiting problems). */
  badge?: 'review';
}

// Everyone who takes part in inspecting sees the campaign and the roster; the API narrows
// what they get to their own group (or their own nominees for a dispatching city).
const PARTICIPANTS: readonly Role[] = [
  'admin',
  'command',
  'datadesk',
  'liaison',
  'leader',
  'inspector',
  'dispatcher',
];

// Field work (records, evidence, where teams went) is for the province and the group itself:
// never a bureau or a dispatching city (server: FIELD_READERS, TEAM_FORMERS).
const FIELD_READERS: readonly Role[] = ['admin', 'command', 'datadesk', 'liaison', 'leader', 'inspector'];
const TEAM_FORMERS: readonly Role[] = ['admin', 'command', 'leader'];

// Problems (server: PROBLEM_READERS): the province handles all of them; a group's leader and
// liaison see and report their own. Inspectors only re-inspect (回头看); bureaus have their inbox.
const PROBLEM_DESK: readonly Role[] = ['admin', 'command', 'datadesk', 'liaison', 'leader'];
const FOLLOW_UP_DOERS: readonly Role[] = ['command', 'liaison', 'leader', 'inspector'];

/**
 * The side menu. A bureau sees none of the campaign: where groups go is exactly what the
 * inspected city must not learn, so it has only its inbox of handovers (and its home).
 */
export const NAV: readonly NavItem[] = [
  // A bureau lands on its inbox of handovers: the only thing it has to do here.
  { path: '/bureau', label: '属地局工作台', icon: 'bureau', roles: ['bureau'] },
  { path: '/home', label: '工作台', icon: 'home', roles: ['bureau'] },
  { path: '/campaign', label: '专项行动', icon: 'campaign', roles: PARTICIPANTS },
  { path: '/situation', label: '今日态势', icon: 'situation', roles: FIELD_READERS },
  { path: '/inspections', label: '检查记录', icon: 'inspections', roles: FIELD_READERS },
  { path: '/problems', label: '问题处置', icon: 'problems', roles: PROBLEM_DESK, badge: 'review' },
  { path: '/follow-ups', label: '回头看任务', icon: 'followups', roles: FOLLOW_UP_DOERS },
  { path: '/roster', label: '人员名单', icon: 'roster', roles: PARTICIPANTS },
  { path: '/teams', label: '小组编组', icon: 'teams', roles: TEAM_FORMERS },
  { path: '/users', label: '用户管理', icon: 'users', roles: ['admin'] },
];

export function navFor(roles: readonly RoleBinding[]): NavItem[] {
  return NAV.filter((n) => hasRole(roles, ...n.roles));
}

export function canOpen(roles: readonly RoleBinding[], path: string | readonly string[]): boolean {
  return (typeof path === 'string' ? [path] : path).some((p) => {
    const item = NAV.find((n) => n.path === p);
    return !!item && hasRole(roles, ...item.roles);
  });
}

/** Who may change the campaign's dates and group table (server: CAMPAIGN_EDITORS). */
export const CAMPAIGN_EDITORS: readonly Role[] = ['admin', 'command'];
/** Who may edit people and round rosters (server: people.policy ROSTER_EDITORS). */
export const ROSTER_EDITORS: readonly Role[] = ['admin', 'command'];
/** Whole-round spreadsheets list every group's staff: provincial side only (server: ROSTER_SHEET_READERS). */
export const ROSTER_SHEET_READERS: readonly Role[] = ['admin', 'command', 'datadesk'];
