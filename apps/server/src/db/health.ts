import { type DatabaseFailure, databaseFailureOf } from './failures.ts';

/**
 * Remembers a write the database refused for lack of space or an I/O error until a later
 * transaction commits: such a database can still answer reads (and a probe of its lock),
 * so only the failed write itself tells `/health` that it cannot take writes.
 */
export class WriteHealth {
  private failure: (DatabaseFailure & { at: string }) | null = null;

  noteError(err: unknown): void {
    const f = databaseFailureOf(err);
    if (f && (f.kind === 'disk_full' || f.kind === 'io'))
      this.failure = { ...f, at: new Date().toISOString() };
  }

  noteCommit(): void {
    this.failure = null;
  }

  /** The last write refused since the last commit, if any. */
  get lastFailure(): (DatabaseFailure & { at: string }) | null {
    return this.failure;
  }
}

/** Whether the database takes writes now, and if not, why (in words for the operator). */
export type WriteState = { writable: true } | { writable: false; reason: string };

export function describeFailure(f: DatabaseFailure & { at: string }): string {
  if (f.kind === 'disk_full') return `磁盘已满，最近一次写入失败（${f.code}，${f.at}），此后尚无写入成功`;
  return `最近一次写入发生读写错误（${f.code}，${f.at}），此后尚无写入成功`;
}
