/**
 * Group tasks (任务): work a group is given for a round and closes with an inspection and a
 * result — the 回头看 of a handed-over problem now; pushed checklist items, 12369 clues and
 * instructions as further kinds. A new kind adds a code here and a describer on the server,
 * never new task machinery: assignment, due dates, closure and carry-over are shared.
 */
export const TASK_KINDS = {
  follow_up: '回头看',
  checklist: '省厅推送清单',
  clue: '12369线索',
  instruction: '调度指令',
} as const;
export type TaskKind = keyof typeof TASK_KINDS;
export const TASK_KIND_CODES = Object.keys(TASK_KINDS) as [TaskKind, ...TaskKind[]];

export const TASK_STATES = {
  open: '待完成',
  done: '已完成',
  carried: '已结转下一轮',
  cancelled: '已撤销',
} as const;
export type TaskState = keyof typeof TASK_STATES;
export const TASK_STATE_CODES = Object.keys(TASK_STATES) as [TaskState, ...TaskState[]];

/**
 * A task's due date: its own when the source set one (a checklist item's 完成时限), else the
 * last day of its round — every task of a round is done before the round ends (plan 五（二））.
 */
export function taskDueDate(own: string | null, roundEndDate: string): string {
  return own && own < roundEndDate ? own : roundEndDate;
}
