import type { Tx } from '../context.ts';

/**
 * Takes the run of `name` for `period`. The primary key (name, period) decides between
 * instances: the insert that lands first wins, every other one finds the row and skips.
 * A run that ended in an error, or whose instance vanished mid-run (started before
 * `staleBefore`, never finished), may be taken over, again by one instance only.
 */
export async function tryStartRun(
  tx: Tx,
  r: { name: string; period: string; instance: string; now: string; staleBefore: string },
): Promise<boolean> {
  const inserted = await tx
    .insertInto('job_runs')
    .values({
      name: r.name,
      period: r.period,
      started_at: r.now,
      finished_at: null,
      instance: r.instance,
      error: null,
      result: null,
    })
    .onConflict((oc) => oc.columns(['name', 'period']).doNothing())
    .returning('name')
    .executeTakeFirst();
  if (inserted) return true;
  const taken = await tx
    .updateTable('job_runs')
    .set({ started_at: r.now, finished_at: null, instance: r.instance, error: null, result: null })
    .where('name', '=', r.name)
    .where('period', '=', r.period)
    .where((eb) =>
      eb.or([
        eb('error', 'is not', null),
        eb.and([eb('finished_at', 'is', null), eb('started_at', '<', r.staleBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

export async function finishRun(
  tx: Tx,
  r: { name: string; period: string; instance: string; now: string; error: string | null; result: unknown },
) {
  await tx
    .updateTable('job_runs')
    .set({
      finished_at: r.now,
      error: r.error,
      result: r.result === undefined ? null : JSON.stringify(r.result),
    })
    .where('name', '=', r.name)
    .where('period', '=', r.period)
    .where('instance', '=', r.instance)
    .execute();
}

export async function recentRuns(tx: Tx, name: string, limit: number) {
  return tx
    .selectFrom('job_runs')
    .selectAll()
    .where('name', '=', name)
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
}

/** Drops the history of a frequent job (the minute-by-minute mail drain) older than `before`. */
export async function pruneRuns(tx: Tx, name: string, before: string) {
  await tx
    .deleteFrom('job_runs')
    .where('name', '=', name)
    .where('started_at', '<', before)
    .where('finished_at', 'is not', null)
    .execute();
}
