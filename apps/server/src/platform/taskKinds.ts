import type { TaskKind, TaskOut } from '@ancha/core';
import type { AppContext } from '../context.ts';
import type { GroupTasksTable } from '../db/schema.ts';

/** What a kind adds to its tasks in a list: the line to show and the kind's own detail. */
export type TaskDescription = Pick<TaskOut, 'title'> & Partial<Pick<TaskOut, 'followUp'>>;

/**
 * Describes a page of tasks of one kind with a fixed number of queries. The module that owns
 * the kind's source (problems for 回头看; dispatch for checklist items and clues) registers
 * it, so the task machinery never imports the modules that use it.
 */
export type TaskDescriber = (
  ctx: AppContext,
  tasks: GroupTasksTable[],
) => Promise<Map<string, TaskDescription>>;

export class TaskKindRegistry {
  private describers = new Map<TaskKind, TaskDescriber>();

  register(kind: TaskKind, describe: TaskDescriber): void {
    if (this.describers.has(kind)) throw new Error(`task kind ${kind} registered twice`);
    this.describers.set(kind, describe);
  }

  async describe(ctx: AppContext, tasks: GroupTasksTable[]): Promise<Map<string, TaskDescription>> {
    const out = new Map<string, TaskDescription>();
    const byKind = new Map<TaskKind, GroupTasksTable[]>();
    for (const t of tasks) byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), t]);
    for (const [kind, list] of byKind) {
      const describe = this.describers.get(kind);
      if (!describe) throw new Error(`no describer for task kind ${kind}`);
      for (const [id, d] of await describe(ctx, list)) out.set(id, d);
    }
    return out;
  }
}
