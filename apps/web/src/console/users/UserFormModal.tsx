import { MIN_PASSWORD_LENGTH, type RoleBinding, USERNAME_RE } from '@ancha/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Form, Input, Modal } from 'antd';
import { api, errorMessage, type User } from '../../lib/api.ts';
import { PersonSelect } from '../common/PersonSelect.tsx';
import { cleanBindings, RoleBindingsField } from './RoleBindingsField.tsx';

interface Values {
  username: string;
  displayName: string;
  password?: string;
  roles: Partial<RoleBinding>[];
  personId?: string | null;
}

/** Create a user (`user` absent) or edit one's name, roles and linked person. */
export function UserFormModal({ user, onClose }: { user?: User; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const roles = cleanBindings(v.roles);
      if (!user) {
        return api.createUser({
          username: v.username.trim(),
          password: v.password ?? '',
          displayName: v.displayName.trim(),
          roles,
          personId: v.personId ?? undefined,
        });
      }
      return api.updateUser(user.id, {
        displayName: v.displayName.trim(),
        roles,
        personId: v.personId ?? null,
      });
    },
    onSuccess: (saved) => {
      message.success(user ? `已保存用户“${saved.displayName}”` : `已创建用户“${saved.username}”`);
      qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
  });

  return (
    <Modal
      open
      width={680}
      title={user ? `编辑用户：${user.username}` : '新建用户'}
      okText={user ? '保存' : '创建'}
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {save.isError ? (
        <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 16 }} />
      ) : null}
      {user ? (
        <Alert
          type="info"
          showIcon
          title="修改角色后，该用户已登录的设备将退出登录。"
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          user
            ? {
                username: user.username,
                displayName: user.displayName,
                roles: user.roles,
                personId: user.personId,
              }
            : { roles: [{}] }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          label="用户名"
          name="username"
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: USERNAME_RE, message: '用户名为2–64位字母、数字或 . _ -，以字母或数字开头' },
          ]}
        >
          <Input disabled={!!user} autoComplete="off" placeholder="登录用，如 zhangsan" />
        </Form.Item>
        <Form.Item
          label="姓名"
          name="displayName"
          rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
        >
          <Input maxLength={64} />
        </Form.Item>
        {user ? null : (
          <Form.Item
            label="初始密码"
            name="password"
            rules={[
              { required: true, message: '请设置初始密码' },
              { min: MIN_PASSWORD_LENGTH, message: `密码至少${MIN_PASSWORD_LENGTH}位` },
            ]}
            extra="请通过安全渠道告知本人，并提醒其登录后妥善保管。"
          >
            <Input.Password autoComplete="new-password" maxLength={256} />
          </Form.Item>
        )}
        <Form.Item label="角色" required>
          <RoleBindingsField />
        </Form.Item>
        <Form.Item
          label="关联人员"
          name="personId"
          extra="关联人员名单中的本人信息（执法证、单位等），可不填。"
        >
          <PersonSelect allowClear />
        </Form.Item>
      </Form>
    </Modal>
  );
}
