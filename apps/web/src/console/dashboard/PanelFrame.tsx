import { DASHBOARD_PANELS, type DashboardPanelKey } from '@ancha/core';
import { Alert, Card } from 'antd';
import type { ReactNode } from 'react';

const titleOf = (key: DashboardPanelKey) => DASHBOARD_PANELS.find((p) => p.key === key)!.title;

/** A panel's card: its registry title, the header's extra, and the load error in place of the body. */
export function Frame({
  panel,
  extra,
  error,
  children,
}: {
  panel: DashboardPanelKey;
  extra?: ReactNode;
  error?: unknown;
  children: ReactNode;
}) {
  return (
    <Card size="small" title={titleOf(panel)} extra={extra} data-panel={panel} style={{ height: '100%' }}>
      {error ? <Alert type="error" showIcon title={`加载失败：${(error as Error).message}`} /> : children}
    </Card>
  );
}
