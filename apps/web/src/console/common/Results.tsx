import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

export function Forbidden() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的角色不能查看此页面。如需权限，请联系系统管理员。"
      extra={<Button onClick={() => navigate('/', { replace: true })}>返回首页</Button>}
    />
  );
}

export function NotFound() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的地址不存在或已调整。"
      extra={<Button onClick={() => navigate('/', { replace: true })}>返回首页</Button>}
    />
  );
}
