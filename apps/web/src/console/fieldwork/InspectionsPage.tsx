import { MobileOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, type Inspection, type InspectionFilter } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { useCan } from '../auth.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFilterParams } from './dates.ts';
import { ExportButton } from './ExportButton.tsx';
import { InspectionFilters } from './InspectionFilters.tsx';
import { InspectionTable } from './InspectionTable.tsx';
import { findLoaded, type Pages, upsert } from './listCache.ts';
import { type LiveEvent, LiveIndicator, useLive } from './live.tsx';
import './fieldwork.css';
import { useFieldGroups } from './useFieldGroups.ts';

const PAGE_SIZE = 50;
const FRESH_MS = 8_000;
const FILTER_KEYS = ['groupId', 'teamId', 'category', 'outcome', 'flagged', 'lateEvidence'] as const;

/** 检查记录: the day's records as they arrive, filterable, newest first. */
export default function InspectionsPage() {
  const params = useFilterParams();
  const filter = Object.fromEntries([
    ['date', params.date],
    ...FILTER_KEYS.map((k) => [k, params.get(k)]).filter(([, v]) => v),
  ]) as InspectionFilter & { date: string };
  const groups = useFieldGroups();
  const qc = useQueryClient();
  const key = keys.inspections(filter);
  const list = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => api.inspections({ ...filter, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
  const fresh = useFresh();

  // Evidence for one record often comes in bursts (three photos, a video): refetch it once.
  const pending = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const timers = pending.current;
    return () => {
      for (const t of timers.values()) clearTimeout(t);
    };
  }, []);

  const put = (item: Inspection, isNew: boolean) => {
    qc.setQueryData<Pages>(key, (d) => upsert(d, filter, item));
    qc.setQueryData(keys.inspection(item.id), (old: Inspection | undefined) =>
      old ? { ...item, evidence: item.evidence ?? old.evidence } : old,
    );
    if (isNew) fresh.mark(item.id);
  };

  const status = useLive({
    onEvent: (ev: LiveEvent) => {
      if (ev.type === 'inspection.created') {
        const item = ev.data;
        if (!findLoaded(qc.getQueryData<Pages>(key), item.id)) put(item, true);
      } else if (ev.type === 'evidence.added') {
        const id = ev.data.inspectionId;
        clearTimeout(pending.current.get(id));
        pending.current.set(
          id,
          setTimeout(() => {
            pending.current.delete(id);
            api.inspection(id).then(
              (item) => put(item, false),
              () => undefined,
            );
          }, 600),
        );
      }
    },
    onReconnect: () => qc.invalidateQueries({ queryKey: keys.inspectionsAll }),
  });

  const recorder = useCan('field.record');
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title="检查记录"
        extra={
          <>
            <ExportButton filter={filter} />
            <LiveIndicator status={status} />
            {recorder ? (
              // A full page load: the phone client is its own app with its own service worker.
              <Button type="primary" href="/field/" icon={<MobileOutlined />} data-primary-action>
                打开手机端录入
              </Button>
            ) : null}
          </>
        }
      >
        {recorder ? (
          <Typography.Text type="secondary">
            现场检查请在手机上打开 /field/ 录入（无网络时也可录入，联网后自动上传）；这里查看本组的检查记录。
          </Typography.Text>
        ) : null}
      </PageHeader>
      <Card size="small">
        <InspectionFilters filter={filter} groups={groups} onChange={(changes) => params.set(changes)} />
        <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
        <InspectionTable
          rows={rows}
          loading={list.isPending}
          fresh={fresh.ids}
          groupLabel={(id, n) => groups.label(id, n)}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">
            {list.isPending ? '' : `已加载 ${rows.length} 条${list.hasNextPage ? '，还有更多' : ''}`}
          </Typography.Text>
          {list.hasNextPage ? (
            <Button loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
              加载更多
            </Button>
          ) : null}
        </Flex>
      </Card>
    </>
  );
}

/** Ids of records that arrived live in the last few seconds. */
function useFresh() {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const mark = (id: string) => {
    setIds((s) => new Set(s).add(id));
    setTimeout(
      () =>
        setIds((s) => {
          const next = new Set(s);
          next.delete(id);
          return next;
        }),
      FRESH_MS,
    );
  };
  return { ids, mark };
}
