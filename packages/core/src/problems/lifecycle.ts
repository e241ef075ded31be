import type { Role } from '../roles.ts';

/**
 * The problem lifecycle (问题处置流程) of the plan:
 *
 *  management problem (管理问题, 立行立改):  open ──confirm_fixed──▶ fixed_on_spot (closed, after-photo)
 *
 *  suspected violation / continuing rectification (上报省厅 → 交办属地 → 回头看):
 *    draft ──submit──▶ submitted ──approve──▶ approved ──hand_over──▶ handed_over ──receive──▶ received
 *      ▲                  │return                                        ▲                          │submit_feedback
 *      └──── returned ◀───┘ (resubmit)                                   │ follow_up(not rectified)   ▼
 *                                                                        └────────────────────── feedback_submitted
 *                                                                               follow_up(rectified) ──▶ closed (销号)
 *
 * Who may act is decided by role here and by scope (group, division) in the server.
 */
export const PROBLEM_STATES = {
  open: '待整改确认',
  fixed_on_spot: '已当场整改',
  draft: '待上报',
  submitted: '待审核',
  returned: '已退回',
  approved: '已审核待交办',
  handed_over: '已交办',
  received: '属地已签收',
  feedback_submitted: '待回头看',
  closed: '已销号',
} as const;
export type ProblemState = keyof typeof PROBLEM_STATES;

export const PROBLEM_KINDS = {
  management: '管理问题',
  violation: '涉嫌环境违法',
  rectification: '需持续整改',
} as const;
export type ProblemKind = keyof typeof PROBLEM_KINDS;

export const ACTION_LABELS = {
  confirm_fixed: '确认已整改',
  submit: '上报省厅',
  return: '退回',
  approve: '审核通过',
  hand_over: '交办',
  receive: '签收',
  submit_feedback: '反馈查处整改情况',
  follow_up: '回头看',
} as const;
export type ProblemAction = keyof typeof ACTION_LABELS;
/** What a problem's history records: a lifecycle action, or its creation from an inspection. */
export type ProblemEventAction = ProblemAction | 'create';

interface Transition {
  from: readonly ProblemState[];
  roles: readonly Role[];
  /** Fields the action's body must carry (beyond `action`). */
  requires: readonly string[];
}

const GROUP: readonly Role[] = ['leader', 'liaison'];
const GROUP_FIELD: readonly Role[] = ['leader', 'liaison', 'inspector'];
const PROVINCE: readonly Role[] = ['command'];

export const TRANSITIONS: Record<ProblemAction, Transition> = {
  // The after-photo is an attachment uploaded before confirming; the server checks it exists.
  confirm_fixed: { from: ['open'], roles: GROUP_FIELD, requires: [] },
  submit: { from: ['draft', 'returned'], roles: GROUP, requires: [] },
  return: { from: ['submitted'], roles: PROVINCE, requires: ['reason'] },
  approve: { from: ['submitted'], roles: PROVINCE, requires: [] },
  hand_over: { from: ['approved'], roles: PROVINCE, requires: ['bureauDivisionCode', 'deadline'] },
  receive: { from: ['handed_over'], roles: ['bureau'], requires: [] },
  submit_feedback: {
    from: ['received'],
    roles: ['bureau'],
    requires: ['investigation', 'measures', 'caseFiled'],
  },
  follow_up: { from: ['feedback_submitted'], roles: GROUP_FIELD, requires: ['rectified', 'findings'] },
};

/** The state an action leads to. `follow_up` branches on whether the site was found rectified. */
export function nextState(action: ProblemAction, body: { rectified?: boolean } = {}): ProblemState {
  switch (action) {
    case 'confirm_fixed':
      return 'fixed_on_spot';
    case 'submit':
      return 'submitted';
    case 'return':
      return 'returned';
    case 'approve':
      return 'approved';
    case 'hand_over':
      return 'handed_over';
    case 'receive':
      return 'received';
    case 'submit_feedback':
      return 'feedback_submitted';
    case 'follow_up':
      return body.rectified ? 'closed' : 'handed_over';
  }
}

/** Actions a holder of `roles` may take on a problem in `state` (scope is checked separately). */
export function allowedActions(state: ProblemState, roles: readonly Role[]): ProblemAction[] {
  return (Object.keys(TRANSITIONS) as ProblemAction[]).filter((a) => {
    const t = TRANSITIONS[a];
    return t.from.includes(state) && t.roles.some((r) => roles.includes(r));
  });
}

/** End states: nothing more is done about the problem. */
export const CLOSED_STATES: readonly ProblemState[] = ['closed', 'fixed_on_spot'];

export function isClosed(state: ProblemState): boolean {
  return CLOSED_STATES.includes(state);
}

/** States in which the inspected city already knows of the problem (handed over at least once). */
export const DISCLOSED_STATES: readonly ProblemState[] = [
  'handed_over',
  'received',
  'feedback_submitted',
  'closed',
];

export function isDisclosed(state: ProblemState): boolean {
  return DISCLOSED_STATES.includes(state);
}

/** States in which the current handover waits for the bureau's feedback: its deadline runs. */
export const AWAITING_FEEDBACK_STATES: readonly ProblemState[] = ['handed_over', 'received'];

export function awaitsFeedback(state: ProblemState): boolean {
  return AWAITING_FEEDBACK_STATES.includes(state);
}

/** Initial state of a problem found with an inspection's outcome. */
export function initialState(kind: ProblemKind): ProblemState {
  return kind === 'management' ? 'open' : 'draft';
}

export function kindOfOutcome(outcome: string): ProblemKind | null {
  if (outcome === 'fixed_on_spot') return 'management';
  if (outcome === 'suspected_violation') return 'violation';
  if (outcome === 'needs_rectification') return 'rectification';
  return null;
}
