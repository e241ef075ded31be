import { type Capability, can, type RoleBinding } from '@ancha/core';

export interface NavItem {
  path: string;
  label: string;
  icon:
    | 'home'
    | 'campaign'
    | 'roster'
    | 'nominate'
    | 'affairs'
    | 'users'
    | 'inspections'
    | 'situation'
    | 'dashboard'
    | 'teams'
    | 'problems'
    | 'followups'
    | 'bureau'
    | 'instructions'
    | 'alerts'
    | 'checklists'
    | 'clues'
    | 'grouptasks'
    | 'ledgers'
    | 'sites'
    | 'priority'
    | 'daily'
    | 'report'
    | 'stage'
    | 'verify';
  /** Entries with the same section are shown together under it (a submenu). */
  section?: string;
  /** The capability (core's table, the same the server's route demands) that shows the entry. */
  capability: Capability;
  /** Not in the menu of holders of this capability: they do the same on a fuller page (the URL still opens). */
  hiddenFor?: Capability;
  /** A count shown beside the label (the review queue's waiting problems). */
  badge?: 'review';
}

/**
 * The side menu. Each entry is shown to the holders of the capability its page's main route
 * needs, so menu and server cannot drift apart. A bureau holds none of the campaign's
 * capabilities (where groups go is what the inspected city must not learn): it has its inbox.
 */
export const NAV: readonly NavItem[] = [
  // A bureau lands on what is due (to sign for, to answer, overdue); its inbox lists every handover.
  { path: '/home', label: '工作台', icon: 'home', capability: 'bureau.inbox' },
  // The command room lands here (the first entry a role may open is its landing page).
  { path: '/dashboard', label: '指挥大屏', icon: 'dashboard', capability: 'dashboard.read' },
  { path: '/bureau', label: '交办问题', icon: 'bureau', capability: 'bureau.inbox' },
  // A group's leader and liaison land here; inspectors may look too (their group's quota).
  { path: '/group-day', label: '本组今日', icon: 'home', capability: 'field.record' },
  { path: '/campaign', label: '专项行动', icon: 'campaign', capability: 'campaign.read' },
  { path: '/situation', label: '今日态势', icon: 'situation', capability: 'field.read' },
  { path: '/inspections', label: '检查记录', icon: 'inspections', capability: 'field.read' },
  { path: '/problems', label: '问题处置', icon: 'problems', capability: 'problems.desk', badge: 'review' },
  { path: '/follow-ups', label: '回头看任务', icon: 'followups', capability: 'tasks.desk' },
  {
    path: '/dispatch/instructions',
    label: '指令',
    icon: 'instructions',
    capability: 'dispatch.desk',
    section: '指挥调度',
  },
  {
    path: '/dispatch/alerts',
    label: '预警',
    icon: 'alerts',
    capability: 'dispatch.desk',
    section: '指挥调度',
  },
  {
    path: '/dispatch/checklists',
    label: '推送清单',
    icon: 'checklists',
    capability: 'dispatch.desk',
    section: '指挥调度',
  },
  {
    path: '/dispatch/clues',
    label: '12369线索',
    icon: 'clues',
    capability: 'dispatch.desk',
    section: '指挥调度',
  },
  // A group's leader and liaison: instructions to confirm, checklist items and clues to verify.
  { path: '/group-tasks', label: '本组调度任务', icon: 'grouptasks', capability: 'dispatch.acknowledge' },
  { path: '/ledgers', label: '散乱污台账', icon: 'ledgers', capability: 'ledgers.read', section: '指挥调度' },
  {
    path: '/priority-areas',
    label: '重点区域',
    icon: 'priority',
    capability: 'priority.read',
    section: '指挥调度',
  },
  { path: '/sites', label: '点位库', icon: 'sites', capability: 'field.read' },
  { path: '/planning', label: '轮次分组', icon: 'campaign', capability: 'plan.manage' },
  { path: '/round-people', label: '轮次人员', icon: 'roster', capability: 'nominations.review' },
  // A dispatching city lands here: its own nominees for each round (the province sees every city's).
  { path: '/nominations', label: '提名人员', icon: 'nominate', capability: 'nominations.write' },
  // A group's roster requests, safety incidents and discipline; command has them under 轮次人员.
  {
    path: '/group-people',
    label: '本组人员事务',
    icon: 'affairs',
    capability: 'roster.request',
    hiddenFor: 'nominations.review',
  },
  { path: '/daily-packages', label: '每日报送', icon: 'daily', capability: 'reports.read' },
  { path: '/round-reports', label: '暗访核查报告', icon: 'report', capability: 'reports.read' },
  { path: '/stage-reports', label: '阶段性报告', icon: 'stage', capability: 'reports.stage' },
  { path: '/verify', label: '文件核验', icon: 'verify', capability: 'reports.read' },
  { path: '/roster', label: '人员名单', icon: 'roster', capability: 'people.read' },
  { path: '/teams', label: '小组编组', icon: 'teams', capability: 'teams.form' },
  { path: '/users', label: '用户管理', icon: 'users', capability: 'users.manage' },
];

export function navFor(roles: readonly RoleBinding[]): NavItem[] {
  return NAV.filter((n) => can(roles, n.capability) && !(n.hiddenFor && can(roles, n.hiddenFor)));
}

export function canOpen(roles: readonly RoleBinding[], path: string | readonly string[]): boolean {
  return (typeof path === 'string' ? [path] : path).some((p) => {
    const item = NAV.find((n) => n.path === p);
    return !!item && can(roles, item.capability);
  });
}
