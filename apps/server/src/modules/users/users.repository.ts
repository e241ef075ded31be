import type { Tx } from '../../context.ts';
import type { UserRolesTable, UsersTable } from '../../db/schema.ts';

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
