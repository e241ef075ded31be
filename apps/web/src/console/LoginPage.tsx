import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, errorMessage } from '../lib/api.ts';
import { ME_KEY, useMe } from './auth.tsx';
import { Loading } from './common/Loading.tsx';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const login = useMutation({
    mutationFn: (v: LoginForm) => api.login({ username: v.username.trim(), password: v.password }),
    onSuccess: (res) => {
      // Start from a clean cache: nothing fetched for an earlier user may leak into this session.
      qc.clear();
      qc.setQueryData(ME_KEY, res.user);
      navigate(from.startsWith('/login') ? '/' : from, { replace: true });
    },
  });

  if (me.isPending) return <Loading />;
  if (me.data) return <Navigate to="/" replace />;

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(180deg, #0f3d6b 0, #0f3d6b 38%, #f0f2f5 38%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 400 }} styles={{ body: { padding: '32px 28px' } }}>
        <Typography.Title style={{ textAlign: 'center', marginTop: 0, fontSize: 24 }}>
          暗访核查平台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          生态环境暗访核查 · 工作人员登录
        </Typography.Paragraph>
        {login.isError ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(login.error)}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        ) : null}
        <Form<LoginForm>
          layout="vertical"
          requiredMark={false}
          disabled={login.isPending}
          onFinish={(v) => login.mutate(v)}
          onValuesChange={() => login.isError && login.reset()}
        >
          <Form.Item
            label="用户名"
            name="username"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          账号由系统管理员分配。连续多次输错密码将被暂时限制登录。
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
