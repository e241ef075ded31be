import { z } from 'zod';

/** Every role the platform knows; see BRIEF.md for who holds which. */
export const ROLES = [
  'admin',
  'command',
  'datadesk',
  'liaison',
  'leader',
  'inspector',
  'bureau',
  'dispatcher',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  command: '指挥调度组',
  datadesk: '资料调度组',
  liaison: '联络员',
  leader: '组长',
  inspector: '组员',
  bureau: '属地生态环境局',
  dispatcher: '派员地市',
};

/** Which scope each role is bound to. A binding without its scope is meaningless and rejected. */
export const ROLE_SCOPE: Record<Role, 'none' | 'group' | 'division'> = {
  admin: 'none',
  command: 'none',
  datadesk: 'none',
  liaison: 'group',
  leader: 'group',
  inspector: 'group',
  bureau: 'division',
  dispatcher: 'division',
};

/** Roles that see the whole campaign (the provincial side). */
export const PROVINCE_ROLES: readonly Role[] = ['admin', 'command', 'datadesk'];

/** Whether any binding is provincial: its holder's scope is the whole campaign. */
export function isProvincial(bindings: readonly RoleBinding[]): boolean {
  return bindings.some((b) => PROVINCE_ROLES.includes(b.role));
}

export const roleBindingSchema = z
  .object({
    role: z.enum(ROLES),
    groupId: z.string().uuid().optional(),
    divisionCode: z
      .string()
      .regex(/^\d{4}(\d{2})?$/, '行政区划代码应为4位（地市）或6位（区县）数字')
      .optional(),
  })
  .superRefine((b, ctx) => {
    const scope = ROLE_SCOPE[b.role];
    if (scope === 'group' && !b.groupId) {
      ctx.addIssue({
        code: 'custom',
        message: `角色“${ROLE_LABELS[b.role]}”必须指定所属核查组`,
        path: ['groupId'],
      });
    }
    if (scope === 'division' && !b.divisionCode) {
      ctx.addIssue({
        code: 'custom',
        message: `角色“${ROLE_LABELS[b.role]}”必须指定行政区划`,
        path: ['divisionCode'],
      });
    }
    if (scope !== 'group' && b.groupId) {
      ctx.addIssue({ code: 'custom', message: '该角色不按核查组划定范围', path: ['groupId'] });
    }
    if (scope !== 'division' && b.divisionCode) {
      ctx.addIssue({ code: 'custom', message: '该角色不按行政区划划定范围', path: ['divisionCode'] });
    }
  });
export type RoleBinding = z.infer<typeof roleBindingSchema>;

export function hasRole(bindings: readonly RoleBinding[], ...roles: Role[]): boolean {
  return bindings.some((b) => roles.includes(b.role));
}

/** Groups a principal is bound to through group-scoped roles. */
export function boundGroupIds(bindings: readonly RoleBinding[], ...roles: Role[]): string[] {
  const want = roles.length ? roles : (['liaison', 'leader', 'inspector'] as Role[]);
  return [...new Set(bindings.filter((b) => want.includes(b.role) && b.groupId).map((b) => b.groupId!))];
}
