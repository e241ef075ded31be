import type { Tx } from '../../context.ts';

export async function insertLoginFailure(
  tx: Tx,
  row: { id: string; username: string; ip: string; at: string },
) {
  await tx.insertInto('login_failures').values(row).execute();
}

export interface FailureFilter {
  sinceIso: string;
  username?: string;
  ip?: string;
}

function failures(tx: Tx, f: FailureFilter) {
  let q = tx.selectFrom('login_failures').where('at', '>', f.sinceIso);
  if (f.username !== undefined) q = q.where('username', '=', f.username);
  if (f.ip !== undefined) q = q.where('ip', '=', f.ip);
  return q;
}

export async function countLoginFailures(tx: Tx, f: FailureFilter): Promise<number> {
  const row = await failures(tx, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** When the failure at position `index` (0 = oldest) of those matching happened. */
export async function failureAt(tx: Tx, f: FailureFilter, index: number): Promise<string | null> {
  const row = await failures(tx, f)
    .select('at')
    .orderBy('at')
    .offset(Math.max(0, index))
    .limit(1)
    .executeTakeFirst();
  return row?.at ?? null;
}

/** Forgets the failures of one account from one address (after it signed in from there). */
export async function clearLoginFailures(tx: Tx, username: string, ip: string) {
  await tx.deleteFrom('login_failures').where('username', '=', username).where('ip', '=', ip).execute();
}

export async function pruneLoginFailures(tx: Tx, beforeIso: string) {
  await tx.deleteFrom('login_failures').where('at', '<', beforeIso).execute();
}
