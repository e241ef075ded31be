import { ROLE_LABELS, type RoleBinding } from '@ancha/core';
import { Flex, Tag } from 'antd';

const COLORS: Partial<Record<RoleBinding['role'], string>> = {
  admin: 'red',
  command: 'blue',
  datadesk: 'geekblue',
  bureau: 'orange',
  dispatcher: 'purple',
};

/** A user's roles, each with what it is bound to ("组长 · 第2组（进驻开封）"). */
export function RoleTags({
  roles,
  groupLabel,
  divisionName,
}: {
  roles: RoleBinding[];
  groupLabel: (id: string) => string;
  divisionName: (code: string) => string;
}) {
  return (
    <Flex wrap gap={4}>
      {roles.map((r) => {
        const scope = r.groupId ? groupLabel(r.groupId) : r.divisionCode ? divisionName(r.divisionCode) : '';
        return (
          <Tag
            key={`${r.role}:${r.groupId ?? r.divisionCode ?? ''}`}
            color={COLORS[r.role] ?? 'green'}
            style={{ marginInlineEnd: 0 }}
          >
            {ROLE_LABELS[r.role]}
            {scope ? ` · ${scope}` : ''}
          </Tag>
        );
      })}
    </Flex>
  );
}
