import type { TaskKind } from '@ancha/core';
import type {
  AppContext,
  TaskCloser,
  TaskDescriber,
  TaskDescription,
  TaskKindRegistry as TaskKindRegistryPort,
} from '../context.ts';
import type { GroupTasksTable } from '../db/schema.ts';

/** Task kinds by code, each with the describer its owning module registered. */
export class TaskKindRegistry implements TaskKindRegistryPort {
  private describers = new Map<TaskKind, TaskDescriber>();

  private closers = new Map<TaskKind, TaskCloser>();

  register(kind: TaskKind, describe: TaskDescriber, close?: TaskCloser): void {
    if (this.describers.has(kind)) throw new Error(`task kind ${kind} registered twice`);
    this.describers.set(kind, describe);
    if (close) this.closers.set(kind, close);
  }

  closer(kind: TaskKind): TaskCloser | undefined {
    return this.closers.get(kind);
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
