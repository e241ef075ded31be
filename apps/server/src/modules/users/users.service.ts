import {
  AppError,
  type CreateUserBody,
  type RoleBinding,
  type UpdateUserBody,
  type UserOut,
} from '@ancha/core';
import type { Actor, AppContext, Tx } from '../../context.ts';
import type { UsersTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import { hashPassword } from '../auth/passwords.ts';
import { announceSessionsEnded, endSessionsOf } from '../sessions/sessions.service.ts';
import * as repo from './users.repository.ts';

type RoleRow = Awaited<ReturnType<typeof repo.rolesOf>>[number];

function toBinding(r: RoleRow): RoleBinding {
  const b: RoleBinding = { role: r.role as RoleBinding['role'] };
  if (r.group_id) b.groupId = r.group_id;
  if (r.division_code) b.divisionCode = r.division_code;
  return b;
}

export function toUserOut(u: UsersTable, roles: RoleBinding[]): UserOut {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    roles,
    personId: u.person_id,
    disabled: !!u.disabled,
    createdAt: u.created_at,
  };
}

export async function rolesOfUser(ctx: AppContext, userId: string): Promise<RoleBinding[]> {
  return (await repo.rolesOf(ctx.db, [userId])).map(toBinding);
}

/** The role bindings of several users at once. */
export async function rolesOfUsers(ctx: AppContext, userIds: string[]): Promise<Map<string, RoleBinding[]>> {
  const out = new Map<string, RoleBinding[]>(userIds.map((id) => [id, []]));
  for (const r of await repo.rolesOf(ctx.db, userIds)) out.get(r.user_id)?.push(toBinding(r));
  return out;
}

/** The account a login names, with its password hash (for the auth module only). */
export async function accountByUsername(ctx: AppContext, username: string) {
  return repo.findUserByUsername(ctx.db, username);
}

export async function usernameTaken(ctx: AppContext, username: string): Promise<boolean> {
  return repo.usernameTaken(ctx.db, username);
}

/** Bindings must point at things that exist, at the level their role needs. */
async function checkBindings(tx: Tx, roles: RoleBinding[]): Promise<void> {
  const groupIds = [...new Set(roles.flatMap((r) => (r.groupId ? [r.groupId] : [])))];
  const found = new Set(await repo.groupsExist(tx, groupIds));
  const missingGroup = groupIds.find((g) => !found.has(g));
  if (missingGroup) throw new AppError('validation_failed', `核查组不存在：${missingGroup}`);
  const codes = [...new Set(roles.flatMap((r) => (r.divisionCode ? [r.divisionCode] : [])))];
  const divisions = new Map((await repo.divisionsByCode(tx, codes)).map((d) => [d.code, d.level]));
  for (const r of roles) {
    if (!r.divisionCode) continue;
    const level = divisions.get(r.divisionCode);
    if (!level) throw new AppError('validation_failed', `行政区划不存在：${r.divisionCode}`);
    if (r.role === 'bureau' && level === 'province') {
      throw new AppError('validation_failed', '属地生态环境局须绑定到地市或区县');
    }
    if (r.role === 'dispatcher' && level !== 'city') {
      throw new AppError('validation_failed', '派员地市须绑定到地市一级');
    }
  }
}

function roleRows(userId: string, roles: RoleBinding[]) {
  return roles.map((r) => ({
    id: newId(),
    user_id: userId,
    role: r.role,
    group_id: r.groupId ?? null,
    division_code: r.divisionCode ?? null,
  }));
}

export async function createUser(ctx: AppContext, actor: Actor, body: CreateUserBody): Promise<UserOut> {
  const passwordHash = await hashPassword(body.password);
  return audited(ctx, actor, async ({ tx, audit }) => {
    if (await repo.usernameTaken(tx, body.username)) {
      throw new AppError('conflict', `用户名“${body.username}”已被使用`);
    }
    await checkBindings(tx, body.roles);
    if (body.personId && !(await repo.personExists(tx, body.personId))) {
      throw new AppError('validation_failed', '关联的人员不存在');
    }
    const now = ctx.now().toISOString();
    const row: UsersTable = {
      id: newId(),
      username: body.username,
      password_hash: passwordHash,
      display_name: body.displayName,
      person_id: body.personId ?? null,
      disabled: 0,
      created_at: now,
      updated_at: now,
    };
    await repo.insertUser(tx, row);
    await repo.replaceRoles(tx, row.id, roleRows(row.id, body.roles));
    await audit({
      action: 'user.create',
      entity: 'user',
      entityId: row.id,
      data: {
        username: row.username,
        displayName: row.display_name,
        roles: body.roles,
        personId: row.person_id,
      },
    });
    return toUserOut(row, body.roles);
  });
}

export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: UpdateUserBody,
): Promise<UserOut> {
  const passwordHash = body.password ? await hashPassword(body.password) : undefined;
  let ended: string[] = [];
  const out = await audited(ctx, actor, async ({ ctx: txCtx, tx, audit }) => {
    const user = await repo.findUser(tx, id);
    if (!user) throw new AppError('not_found', '用户不存在');
    if (
      actor.userId === id &&
      (body.disabled || (body.roles && !body.roles.some((r) => r.role === 'admin')))
    ) {
      throw new AppError('conflict', '不能停用自己或去掉自己的管理员角色');
    }
    if (body.roles) await checkBindings(tx, body.roles);
    if (body.personId && !(await repo.personExists(tx, body.personId))) {
      throw new AppError('validation_failed', '关联的人员不存在');
    }
    const now = ctx.now().toISOString();
    const patch: Partial<UsersTable> = { updated_at: now };
    if (body.displayName !== undefined) patch.display_name = body.displayName;
    if (passwordHash) patch.password_hash = passwordHash;
    if (body.personId !== undefined) patch.person_id = body.personId;
    if (body.disabled !== undefined) patch.disabled = body.disabled ? 1 : 0;
    await repo.updateUser(tx, id, patch);
    if (body.roles) await repo.replaceRoles(tx, id, roleRows(id, body.roles));
    // A changed password, role set or a disabled account ends every open session.
    if (passwordHash || body.roles || body.disabled) ended = await endSessionsOf(txCtx, id);
    const { password: _omit, ...logged } = body;
    await audit({
      action: 'user.update',
      entity: 'user',
      entityId: id,
      data: { ...logged, passwordChanged: !!passwordHash },
    });
    const roles = (await repo.rolesOf(tx, [id])).map(toBinding);
    return toUserOut({ ...user, ...patch }, roles);
  });
  // After the commit: open streams of the ended sessions stop now, on every instance.
  announceSessionsEnded(ctx, id, ended);
  return out;
}

export async function listUsers(ctx: AppContext, f: { q?: string; limit: number; after?: string }) {
  const rows = await repo.listUsers(ctx.db, { ...f, limit: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  const roles = await repo.rolesOf(
    ctx.db,
    page.map((u) => u.id),
  );
  const items = page.map((u) => toUserOut(u, roles.filter((r) => r.user_id === u.id).map(toBinding)));
  return { items, nextCursor: rows.length > f.limit ? page[page.length - 1]!.id : undefined };
}
