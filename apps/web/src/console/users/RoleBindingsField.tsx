import { ROLE_LABELS, ROLE_SCOPE, ROLES, type RoleBinding } from '@ancha/core';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Select } from 'antd';
import { shortCity, useCities } from '../../lib/queries.ts';
import { DivisionCascader } from '../common/DivisionCascader.tsx';
import { RepeatRow } from '../common/RepeatRow.tsx';
import { useGroupOptions } from './groupOptions.ts';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** Drops the scope fields a role does not use (the server rejects them). */
export function cleanBindings(rows: Partial<RoleBinding>[]): RoleBinding[] {
  return rows
    .filter((r): r is RoleBinding => !!r?.role)
    .map((r) => {
      const scope = ROLE_SCOPE[r.role];
      if (scope === 'group') return { role: r.role, groupId: r.groupId };
      if (scope === 'division') return { role: r.role, divisionCode: r.divisionCode };
      return { role: r.role };
    });
}

/** The role list of a user: each role with the group or division it is bound to. */
export function RoleBindingsField() {
  const groups = useGroupOptions();
  const cities = useCities();
  const cityOptions = (cities.data ?? []).map((c) => ({ value: c.code, label: shortCity(c.name) }));
  const form = Form.useFormInstance();

  return (
    <Form.List
      name="roles"
      rules={[
        {
          validator: async (_, rows: unknown[] | undefined) => {
            if (!rows?.length) throw new Error('至少绑定一个角色');
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field) => (
            <Form.Item noStyle key={field.key} shouldUpdate>
              {() => {
                const role = form.getFieldValue(['roles', field.name, 'role']) as
                  | RoleBinding['role']
                  | undefined;
                const scope = role ? ROLE_SCOPE[role] : 'none';
                return (
                  <RepeatRow>
                    <Form.Item
                      name={[field.name, 'role']}
                      rules={[{ required: true, message: '请选择角色' }]}
                      style={{ flex: '0 0 150px', marginBottom: 8 }}
                    >
                      <Select
                        placeholder="角色"
                        options={ROLE_OPTIONS}
                        // A scope chosen for the previous role (a county for a bureau) is wrong for the new one.
                        onChange={() => {
                          form.setFieldValue(['roles', field.name, 'groupId'], undefined);
                          form.setFieldValue(['roles', field.name, 'divisionCode'], undefined);
                        }}
                      />
                    </Form.Item>
                    {/* Wide only when it holds a picker, so a short row stays on one line on a phone. */}
                    <div style={{ flex: role && scope !== 'none' ? '1 1 220px' : '1 1 0' }}>
                      {scope === 'group' ? (
                        <Form.Item
                          name={[field.name, 'groupId']}
                          rules={[{ required: true, message: '请选择所属核查组' }]}
                          style={{ marginBottom: 8 }}
                        >
                          <Select
                            placeholder="所属核查组"
                            loading={groups.pending}
                            options={groups.options}
                            showSearch={{ optionFilterProp: 'label' }}
                          />
                        </Form.Item>
                      ) : null}
                      {role === 'bureau' ? (
                        <Form.Item
                          name={[field.name, 'divisionCode']}
                          rules={[{ required: true, message: '请选择地市或区县' }]}
                          style={{ marginBottom: 8 }}
                        >
                          <DivisionCascader placeholder="属地：地市或区县" />
                        </Form.Item>
                      ) : null}
                      {role === 'dispatcher' ? (
                        <Form.Item
                          name={[field.name, 'divisionCode']}
                          rules={[{ required: true, message: '请选择派员地市' }]}
                          style={{ marginBottom: 8 }}
                        >
                          <Select placeholder="派员地市" options={cityOptions} loading={cities.isPending} />
                        </Form.Item>
                      ) : null}
                      {role && scope === 'none' ? (
                        <div style={{ color: 'rgba(0,0,0,0.45)', lineHeight: '32px', whiteSpace: 'nowrap' }}>
                          全省范围
                        </div>
                      ) : null}
                    </div>
                    <Button
                      type="text"
                      danger
                      aria-label="删除该角色"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                    />
                  </RepeatRow>
                );
              }}
            </Form.Item>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
            添加角色
          </Button>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}
