import type { Tx } from '../../context.ts';
import type { LoginCodesTable, UserRolesTable, UsersTable } from '../../db/schema.ts';

export async function rolesOf(tx: Tx, userIds: string[]) {
  if (userIds.length === 0) return [];
  return tx.selectFrom('user_roles').selectAll().where('user_id', 'in', userIds).orderBy('id').execute();
}

export async function insertUser(tx: Tx, row: UsersTable) {
  await tx.insertInto('users').values(row).execute();
}

export async function replaceRoles(tx: Tx, userId: string, rows: UserRolesTable[]) {
  await tx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (rows.length) await tx.insertInto('user_roles').values(rows).execute();
}

export async function updateUser(tx: Tx, id: string, patch: Partial<UsersTable>) {
  await tx.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function findUser(tx: Tx, id: string) {
  return tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByUsername(tx: Tx, username: string) {
  return tx.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function usernameTaken(tx: Tx, username: string) {
  return !!(await tx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst());
}

export async function listUsers(tx: Tx, f: { q?: string; limit: number; after?: string }) {
  let q = tx.selectFrom('users').selectAll();
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) => eb.or([eb('username', 'like', like), eb('display_name', 'like', like)]));
  }
  if (f.after) q = q.where('id', '>', f.after);
  return q.orderBy('id').limit(f.limit).execute();
}

export async function groupsExist(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return (await tx.selectFrom('inspection_groups').select('id').where('id', 'in', ids).execute()).map(
    (r) => r.id,
  );
}

export async function divisionsByCode(tx: Tx, codes: string[]) {
  if (codes.length === 0) return [];
  return tx.selectFrom('divisions').select(['code', 'level']).where('code', 'in', codes).execute();
}

export async function personExists(tx: Tx, id: string) {
  return !!(await tx.selectFrom('people').select('id').where('id', '=', id).executeTakeFirst());
}

export async function usersOfPeople(tx: Tx, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  return tx
    .selectFrom('users')
    .selectAll()
    .where('person_id', 'in', [...personIds])
    .execute();
}

export async function usernamesTaken(tx: Tx, usernames: readonly string[]) {
  if (usernames.length === 0) return [];
  return (
    await tx
      .selectFrom('users')
      .select('username')
      .where('username', 'in', [...usernames])
      .execute()
  ).map((u) => u.username);
}

export async function revokeLoginCodes(tx: Tx, userIds: readonly string[], now: string) {
  if (userIds.length === 0) return;
  await tx
    .updateTable('login_codes')
    .set({ revoked_at: now })
    .where('user_id', 'in', [...userIds])
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function insertLoginCodes(tx: Tx, rows: LoginCodesTable[]) {
  if (rows.length) await tx.insertInto('login_codes').values(rows).execute();
}

/**
 * Takes a one-time code: marks it used if it is this user's, unused, unrevoked and unexpired.
 * A compare-and-set, so two logins racing with one code cannot both succeed.
 */
export async function consumeLoginCode(tx: Tx, userId: string, codeHash: string, now: string) {
  const r = await tx
    .updateTable('login_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Seats a person holds in rounds not yet over (an account made from the roster lives as long). */
export async function openSeatCount(tx: Tx, personId: string, today: string) {
  const r = await tx
    .selectFrom('round_memberships as m')
    .innerJoin('rounds as r', 'r.id', 'm.round_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('m.person_id', '=', personId)
    .where('r.end_date', '>=', today)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
