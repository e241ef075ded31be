import { InboxOutlined } from '@ant-design/icons';
import { Card, Result } from 'antd';
import { PageHeader } from './common/PageHeader.tsx';

/**
 * A local bureau's home. It deliberately shows no campaign or group data: a bureau learns
 * about an inspection only when a problem is handed over to it.
 */
export default function HomePage() {
  return (
    <>
      <PageHeader title="工作台" />
      <Card>
        <Result
          icon={<InboxOutlined />}
          title="暂无交办事项"
          subTitle="省厅审核同意后移交给本单位的环境问题（《环境问题交办单》）将出现在这里，届时请按要求调查处理并反馈整改情况。"
        />
      </Card>
    </>
  );
}
