import { type ChecklistImportErrors, ESCALATION_LEVELS, type EscalationLevel } from '@ancha/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Table, Tag } from 'antd';
import { api, type Group, importRowErrors } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';

export const ESCALATION_COLORS: Record<EscalationLevel, string> = {
  none: 'default',
  remind: 'gold',
  escalate: 'orange',
  urgent: 'red',
};

export function EscalationTag({ level }: { level: EscalationLevel }) {
  if (level === 'none') return null;
  return <Tag color={ESCALATION_COLORS[level]}>{ESCALATION_LEVELS[level]}</Tag>;
}

/** `2020-10-20T02:00:00.000Z` as 10-20 10:00 (Shanghai). */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

export function useCampaignGroups(campaignId: string | undefined) {
  return useQuery({
    queryKey: keys.groups(campaignId ?? ''),
    queryFn: () => api.groups(campaignId!),
    enabled: !!campaignId,
    select: (r) => [...r.items].sort((a, b) => a.number - b.number),
  });
}

export const groupName = (g: Group) => `第${g.number}组 · 驻${g.stationedCity.name.replace(/市$/, '')}`;

/** One problem of a refused import, as core's contract states it. */
type RowError = ChecklistImportErrors['errors'][number];

/** The row-and-column report of a rejected import (422 import_failed, `details.errors`). */
export function ImportReport({
  error,
  columns,
}: {
  error: unknown;
  columns: readonly { key: string; header: string }[];
}) {
  if (importRowErrors(error) === null) return null;
  const errors = ((error as { details?: { errors?: RowError[] } }).details?.errors ?? []) as RowError[];
  const header = new Map(columns.map((c) => [c.key, c.header]));
  return (
    <div style={{ marginTop: 12 }}>
      <Alert
        type="error"
        showIcon
        title={(error as Error).message}
        description="改正下列问题后重新导入；本次未保存任何内容。"
      />
      <Table<RowError & { i: number }>
        size="small"
        rowKey="i"
        style={{ marginTop: 8 }}
        scroll={{ x: 480 }}
        pagination={errors.length > 20 ? { pageSize: 20 } : false}
        dataSource={errors.map((e, i) => ({ ...e, i }))}
        columns={[
          { title: '行', dataIndex: 'row', width: 64, render: (r: number | null) => r ?? '—' },
          {
            title: '列',
            dataIndex: 'column',
            width: 110,
            render: (c: string | null) => (c ? (header.get(c) ?? c) : '—'),
          },
          { title: '问题', dataIndex: 'message' },
        ]}
      />
    </div>
  );
}
