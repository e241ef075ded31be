import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * A page's title — its one <h1> (sized like antd's h4: a working screen, not a poster) — with
 * its controls, which wrap under the title on a phone. Every console page starts with one.
 * Mark the page's main action with `data-primary-action` (e.g. on its Button): the browser test
 * checks it is on screen at 375 px.
 */
export function PageHeader({
  title,
  extra,
  children,
}: {
  title: ReactNode;
  extra?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex wrap align="center" justify="space-between" gap={12}>
        <Typography.Title style={{ margin: 0, fontSize: 20, lineHeight: 1.4 }}>{title}</Typography.Title>
        {extra ? (
          <Flex wrap gap={8} align="center" style={{ minWidth: 0, maxWidth: '100%' }}>
            {extra}
          </Flex>
        ) : null}
      </Flex>
      {children}
    </div>
  );
}
