import { Empty, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * An empty list or page that says why it is empty and what to do next, e.g. title 暂无小组,
 * why 本轮尚未编组, next 去编组 (a Button or Link in `action`). Use it for every empty state:
 * a bare 暂无数据 leaves the user guessing whether something is wrong.
 */
export function EmptyState({
  title,
  why,
  next,
  action,
}: {
  title: string;
  why?: ReactNode;
  next?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Flex vertical gap={4} align="center">
          <Typography.Text strong>{title}</Typography.Text>
          {why ? <Typography.Text type="secondary">{why}</Typography.Text> : null}
          {next ? <Typography.Text type="secondary">{next}</Typography.Text> : null}
        </Flex>
      }
    >
      {action}
    </Empty>
  );
}
