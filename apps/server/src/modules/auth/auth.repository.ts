import type { Tx } from '../../context.ts';

export async function insertLoginFailure(
  tx: Tx,
  row: { id: string; username: string; ip: string; at: string },
) {
  await tx.insertInto('login_failures').values(row).execute();
}

export async function countLoginFailures(tx: Tx, sinceIso: string, by: { username?: string; ip?: string }) {
  let q = tx
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('at', '>', sinceIso);
  if (by.username !== undefined) q = q.where('username', '=', by.username);
  if (by.ip !== undefined) q = q.where('ip', '=', by.ip);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function clearLoginFailures(tx: Tx, username: string) {
  await tx.deleteFrom('login_failures').where('username', '=', username).execute();
}

export async function pruneLoginFailures(tx: Tx, beforeIso: string) {
  await tx.deleteFrom('login_failures').where('at', '<', beforeIso).execute();
}
