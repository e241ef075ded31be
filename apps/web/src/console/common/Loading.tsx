import { Flex, Spin, Typography } from 'antd';

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <Flex vertical align="center" gap={8} style={{ padding: '48px 0' }}>
      <Spin />
      <Typography.Text type="secondary">{text}</Typography.Text>
    </Flex>
  );
}
