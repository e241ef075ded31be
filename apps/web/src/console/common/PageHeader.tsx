import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** Page title with its controls; wraps under the title on a phone. */
export function PageHeader({
  title,
  extra,
  children,
  level = 4,
}: {
  title: string;
  /** 1: the page's main heading (an h1 styled like the others). */
  level?: 1 | 4;
  extra?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex wrap align="center" justify="space-between" gap={12}>
        <Typography.Title level={level} style={{ margin: 0, ...(level === 1 ? { fontSize: 20 } : {}) }}>
          {title}
        </Typography.Title>
        {extra ? (
          <Flex wrap gap={8} align="center">
            {extra}
          </Flex>
        ) : null}
      </Flex>
      {children}
    </div>
  );
}
