import type { InspectionBody } from './core.ts';
import { db, type FollowUpTask, type OutboxItem } from './db.ts';
import { type FollowUpView, queuedFollowUps } from './outbox.ts';
import { today } from './refresh.ts';

/** A round whose end is this close makes its follow-ups urgent (red on the home screen). */
export const DUE_SOON_DAYS = 3;

/** Whole days from today (campaign calendar) to `date`; negative once it has passed. */
export function daysLeft(date: string, from = today()): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const dueSoon = (date: string) => daysLeft(date) <= DUE_SOON_DAYS;

export function dueText(date: string): string {
  const d = daysLeft(date);
  return d < 0 ? `已超期 ${-d} 天` : d === 0 ? '今天截止' : `剩 ${d} 天`;
}

/** One task as the lists show it: from the server's list, from this phone's outbox, or both. */
export interface FollowUpRow {
  taskId: string;
  problemId: string;
  siteName: string;
  handoverNumber: string | null;
  dueDate: string | null;
  task: FollowUpTask | null;
  /** What this phone saved for the task, if anything. */
  saved: FollowUpView | null;
}

export interface FollowUpOverview {
  /** Still to do, earliest due first. */
  todo: FollowUpRow[];
  /** Done on this phone: waiting, sent or refused, latest first. */
  done: FollowUpRow[];
  waiting: number;
  failed: number;
}

const byDue = (a: FollowUpRow, b: FollowUpRow) =>
  (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.siteName.localeCompare(b.siteName, 'zh-CN');

/**
 * The group's open tasks (as last downloaded) against what this phone has already saved: a
 * task done here is no longer "to do" even while its result waits for a signal, and a result
 * already sent stays in view after the server drops the task from the open list.
 */
export async function followUpOverview(): Promise<FollowUpOverview> {
  const [tasks, saved] = await Promise.all([db.followups.toArray(), queuedFollowUps()]);
  const savedByTask = new Map(saved.map((v) => [v.item.followUp!.taskId, v]));
  const todo: FollowUpRow[] = [];
  for (const t of tasks) {
    if (savedByTask.has(t.taskId)) continue;
    todo.push({
      taskId: t.taskId,
      problemId: t.problemId,
      siteName: t.site.name,
      handoverNumber: t.handover?.number ?? null,
      dueDate: t.dueDate,
      task: t,
      saved: null,
    });
  }
  const done = saved.map((v): FollowUpRow => {
    const f = v.item.followUp!;
    const t = tasks.find((x) => x.taskId === f.taskId) ?? null;
    return { ...f, dueDate: t?.dueDate ?? null, task: t, saved: v };
  });
  return {
    todo: todo.sort(byDue),
    done,
    waiting: saved.filter((v) => v.item.status === 'pending' || v.item.status === 'sending').length,
    failed: saved.filter((v) => v.item.status === 'failed').length,
  };
}

export async function followUpRow(taskId: string): Promise<FollowUpRow | null> {
  const o = await followUpOverview();
  return [...o.todo, ...o.done].find((r) => r.taskId === taskId) ?? null;
}

/**
 * The 回头看 inspection record made on this phone for a problem (source followup, sourceRef =
 * the problem), latest first; a record the server refused is not offered as a link.
 */
export async function followUpInspection(problemId: string): Promise<OutboxItem | undefined> {
  const found = await db.outbox
    .filter((i) => {
      if (i.kind !== 'inspection' || i.status === 'failed') return false;
      const b = i.body as InspectionBody;
      return b.source === 'followup' && b.sourceRef === problemId;
    })
    .sortBy('seq');
  return found.at(-1);
}
