import { type Capability, can, type RoleBinding } from '@ancha/core';

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
    | 'bureau'
    | 'daily'
    | 'report'
    | 'stage'
    | 'verify';
  /** The capability (core's table, the same the server's route demands) that shows the entry. */
  capability: Capability;
  /** A count shown beside the label (the review queue's waiting problems). */
  badge?: 'review';
}

/**
 * The side menu. Each entry is shown to the holders of the capability its page's main route
 * needs, so menu and server cannot drift apart. A bureau holds none of the campaign's
 * capabilities (where groups go is what the inspected city must not learn): it has its inbox.
 */
export const NAV: readonly NavItem[] = [
  // A bureau lands on its inbox of handovers: the only thing it has to do here.
  { path: '/bureau', label: '属地局工作台', icon: 'bureau', capability: 'bureau.inbox' },
  { path: '/home', label: '工作台', icon: 'home', capability: 'bureau.inbox' },
  { path: '/campaign', label: '专项行动', icon: 'campaign', capability: 'campaign.read' },
  { path: '/situation', label: '今日态势', icon: 'situation', capability: 'field.read' },
  { path: '/inspections', label: '检查记录', icon: 'inspections', capability: 'field.read' },
  { path: '/problems', label: '问题处置', icon: 'problems', capability: 'problems.desk', badge: 'review' },
  { path: '/follow-ups', label: '回头看任务', icon: 'followups', capability: 'tasks.desk' },
  { path: '/daily-packages', label: '每日报送', icon: 'daily', capability: 'reports.read' },
  { path: '/round-reports', label: '暗访核查报告', icon: 'report', capability: 'reports.read' },
  { path: '/stage-reports', label: '阶段性报告', icon: 'stage', capability: 'reports.stage' },
  { path: '/verify', label: '文件核验', icon: 'verify', capability: 'reports.read' },
  { path: '/roster', label: '人员名单', icon: 'roster', capability: 'people.read' },
  { path: '/teams', label: '小组编组', icon: 'teams', capability: 'teams.form' },
  { path: '/users', label: '用户管理', icon: 'users', capability: 'users.manage' },
];

export function navFor(roles: readonly RoleBinding[]): NavItem[] {
  return NAV.filter((n) => can(roles, n.capability));
}

export function canOpen(roles: readonly RoleBinding[], path: string | readonly string[]): boolean {
  return (typeof path === 'string' ? [path] : path).some((p) => {
    const item = NAV.find((n) => n.path === p);
    return !!item && can(roles, item.capability);
  });
}
