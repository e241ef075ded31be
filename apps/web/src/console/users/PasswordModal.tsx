import { MIN_PASSWORD_LENGTH } from '@ancha/core';
import { useMutation } from '@tanstack/react-query';
import { Alert, App as AntApp, Form, Input, Modal } from 'antd';
import { api, errorMessage, type User } from '../../lib/api.ts';

interface Values {
  password: string;
  confirm: string;
}

export function PasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const save = useMutation({
    mutationFn: (v: Values) => api.updateUser(user.id, { password: v.password }),
    onSuccess: () => {
      message.success(`已重置“${user.displayName}”的密码`);
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`重置密码：${user.displayName}（${user.username}）`}
      okText="重置"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {save.isError ? (
        <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Alert
        type="info"
        showIcon
        title="重置后该用户已登录的设备将全部退出登录。"
        style={{ marginBottom: 16 }}
      />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          label="新密码"
          name="password"
          rules={[
            { required: true, message: '请输入新密码' },
            { min: MIN_PASSWORD_LENGTH, message: `密码至少${MIN_PASSWORD_LENGTH}位` },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={256} />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, v: string) =>
                !v || v === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={256} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
