import { Select, Tabs } from 'antd';
import type { Problem } from '../../lib/api.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { TEXT_SECONDARY } from '../common/theme.ts';
import { useIsMobile } from '../common/useIsMobile.ts';
import type { useFieldGroups } from '../fieldwork/useFieldGroups.ts';
import { BOARD_TABS, isOverdue } from './labels.ts';
import { ProblemFilters } from './ProblemFilters.tsx';
import { ProblemTable } from './ProblemTable.tsx';
import type { useBoardParams } from './params.ts';

/** 问题看板: filters, one tab per state with its count, the problems of the chosen state. */
export function ProblemBoard({
  rows,
  loading,
  error,
  onRetry,
  params,
  groups,
  province,
}: {
  rows: Problem[];
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  params: ReturnType<typeof useBoardParams>;
  groups: ReturnType<typeof useFieldGroups>;
  province: boolean;
}) {
  const counts = new Map<string, number>([['all', rows.length]]);
  for (const p of rows) counts.set(p.state, (counts.get(p.state) ?? 0) + 1);
  const active = params.state ?? 'all';
  const mobile = useIsMobile();
  const choose = (k: string) => params.set({ state: k === 'all' ? undefined : k });
  // Overdue ones first: they are what the command room chases.
  const shown = (params.state ? rows.filter((p) => p.state === params.state) : [...rows]).sort(
    (a, b) => Number(isOverdue(b)) - Number(isOverdue(a)),
  );
  return (
    <>
      <ProblemFilters
        params={params}
        campaignId={params.server.campaignId}
        groups={groups}
        province={province}
        overdueCount={rows.filter(isOverdue).length}
      />
      <ErrorAlert error={error} onRetry={onRetry} />
      {mobile ? (
        // Eleven tabs do not fit a phone, and antd's overflow menu breaks the tab list's semantics.
        <Select
          aria-label="问题环节"
          style={{ width: '100%', marginBottom: 8 }}
          value={active}
          onChange={choose}
          options={BOARD_TABS.map((t) => ({
            value: t.key,
            label: `${t.label}（${counts.get(t.key) ?? 0}）`,
          }))}
        />
      ) : (
        <Tabs
          size="small"
          tabBarGutter={22}
          activeKey={active}
          onChange={choose}
          items={BOARD_TABS.map((t) => ({
            key: t.key,
            label: (
              <span>
                {t.label}
                <span
                  className="num"
                  style={{ marginInlineStart: 4, color: counts.get(t.key) ? undefined : TEXT_SECONDARY }}
                >
                  {counts.get(t.key) ?? 0}
                </span>
              </span>
            ),
          }))}
        />
      )}
      <ProblemTable
        rows={shown}
        loading={loading}
        groupLabel={(p) => groups.label(p.groupId, p.groupNumber)}
      />
    </>
  );
}
