import { z } from 'zod';
import { roleBindingSchema } from '../roles.ts';

export const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});

export const userOut = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleBindingSchema),
  personId: z.string().nullable().optional(),
  disabled: z.boolean().optional(),
  createdAt: z.string().optional(),
  /** After a one-time code: set a password (POST /auth/password) before anything else. */
  mustChangePassword: z.boolean().optional(),
});
export type UserOut = z.infer<typeof userOut>;

export type LoginBody = z.input<typeof loginBody>;

export const loginResult = z.object({ token: z.string(), user: userOut });
export type LoginResult = z.infer<typeof loginResult>;

export const setPasswordBody = z.object({
  password: z.string().min(10, '密码至少10位').max(256),
  currentPassword: z.string().max(256).optional(),
});
export type SetPasswordBody = z.infer<typeof setPasswordBody>;

export const USERNAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9._-]{1,63}$/;
export const MIN_PASSWORD_LENGTH = 10;

export const createUserBody = z.object({
  username: z.string().trim().regex(USERNAME_RE, '用户名为2–64位字母、数字或 . _ -，以字母或数字开头'),
  password: z.string().min(MIN_PASSWORD_LENGTH, `密码至少${MIN_PASSWORD_LENGTH}位`).max(256),
  displayName: z.string().trim().min(1, '请填写姓名').max(64),
  roles: z.array(roleBindingSchema).min(1, '至少绑定一个角色').max(20),
  personId: z.string().uuid().optional(),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z.object({
  displayName: z.string().trim().min(1).max(64).optional(),
  password: z.string().min(MIN_PASSWORD_LENGTH, `密码至少${MIN_PASSWORD_LENGTH}位`).max(256).optional(),
  roles: z.array(roleBindingSchema).min(1, '至少绑定一个角色').max(20).optional(),
  personId: z.string().uuid().nullable().optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const usersQuery = z.object({
  q: z.string().trim().max(64).optional(),
  limit: z.coerce.number<number>().int().min(1).max(500).default(100),
  cursor: z.string().max(64).optional(),
});
export type UsersQuery = z.input<typeof usersQuery>;
