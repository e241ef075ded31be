import { z } from 'zod';
import { PROBLEM_STATES } from '../problems/lifecycle.ts';
import { TASK_KIND_CODES, TASK_STATE_CODES } from '../tasks/kinds.ts';

export const taskQuery = z.object({
  kind: z.enum(TASK_KIND_CODES).optional(),
  groupId: z.string().uuid('核查组 ID 格式不正确').optional(),
  roundId: z.string().uuid('轮次 ID 格式不正确').optional(),
  state: z.enum(TASK_STATE_CODES).optional(),
});
export type TaskQuery = z.infer<typeof taskQuery>;

/** What a 回头看 task adds: the problem handed over and the handover followed up. */
export const followUpDetail = z.object({
  problemId: z.string(),
  problemState: z.enum(Object.keys(PROBLEM_STATES) as [keyof typeof PROBLEM_STATES]),
  handoverNumber: z.string().nullable(),
});

/** What a pushed checklist item's task adds: the item as the province wrote it. */
export const checklistTaskDetail = z.object({
  itemId: z.string(),
  siteName: z.string().nullable(),
  address: z.string().nullable(),
  countyCode: z.string(),
  countyName: z.string(),
  reason: z.string(),
  source: z.string(),
});

/** What a 12369 clue's task adds: the complaint and its time limit. */
export const clueTaskDetail = z.object({
  clueId: z.string(),
  number: z.string(),
  receivedAt: z.string(),
  place: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  content: z.string(),
  category: z.string().nullable(),
  finishDueDate: z.string(),
  /** When the group took it up (签收); null while waiting. */
  startedAt: z.string().nullable(),
});

export const taskOut = z.object({
  id: z.string(),
  kind: z.enum(TASK_KIND_CODES),
  state: z.enum(TASK_STATE_CODES),
  campaignId: z.string(),
  roundId: z.string(),
  roundNumber: z.number().int(),
  groupId: z.string(),
  groupNumber: z.number().int(),
  /** What the task is about: the problem (回头看), the checklist item, the clue. */
  sourceId: z.string(),
  /** What to do, in a line. */
  title: z.string(),
  site: z.object({ id: z.string(), name: z.string(), address: z.string().nullable() }).nullable(),
  /** Shanghai date by which it must be done (the round's last day unless the source set one). */
  dueDate: z.string(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
  /** The task of the previous round this one continues, when carried over. */
  carriedFrom: z.string().nullable(),
  /** The inspection that closed it. */
  inspectionId: z.string().nullable(),
  followUp: followUpDetail.optional(),
  checklist: checklistTaskDetail.optional(),
  clue: clueTaskDetail.optional(),
});
export type TaskOut = z.infer<typeof taskOut>;
