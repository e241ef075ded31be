import { Tag, Typography } from 'antd';
import type { Group, Team, TeamQuota } from '../../lib/api.ts';
import { type ResponsiveColumn, ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { useIsMobile } from '../common/useIsMobile.ts';
import { fmtClock } from './labels.ts';

interface Row extends Partial<TeamQuota> {
  key: string;
  groupId: string;
  groupNumber: number;
  /** A group of the campaign with no team today (not yet staffed or not yet formed). */
  unstaffed?: boolean;
  /** Rows the group cell spans (0 for the group's later rows). */
  span: number;
  groupMet: number;
  groupTotal: number;
}

/**
 * Teams grouped by group; groups with a team short of the quota first, and such teams first
 * within their group; then the campaign's groups that have no team, each as one marked row, so
 * the board always shows all 18.
 */
function arrange(items: TeamQuota[], groups: readonly Group[]): Row[] {
  const byGroup = new Map<string, TeamQuota[]>();
  for (const t of items) byGroup.set(t.groupId, [...(byGroup.get(t.groupId) ?? []), t]);
  const working = [...byGroup.values()].map((teams) => ({
    teams: [...teams].sort((a, b) => Number(a.met) - Number(b.met) || a.teamNumber - b.teamNumber),
    unmet: teams.filter((t) => !t.met).length,
    number: teams[0]!.groupNumber,
  }));
  working.sort((a, b) => Number(b.unmet > 0) - Number(a.unmet > 0) || a.number - b.number);
  const rows: Row[] = working.flatMap((g) =>
    g.teams.map((t, n) => ({
      ...t,
      key: t.teamId,
      span: n === 0 ? g.teams.length : 0,
      groupMet: g.teams.length - g.unmet,
      groupTotal: g.teams.length,
    })),
  );
  const idle = groups.filter((g) => !byGroup.has(g.id)).sort((a, b) => a.number - b.number);
  for (const g of idle) {
    rows.push({
      key: `group-${g.id}`,
      groupId: g.id,
      groupNumber: g.number,
      unstaffed: true,
      span: 1,
      groupMet: 0,
      groupTotal: 0,
    });
  }
  return rows;
}

/** The count and, in words, whether it reaches the minimum: never colour alone. */
function Count({ value, min }: { value: number; min: number }) {
  const short = value < min;
  return (
    <Typography.Text type={short ? 'danger' : 'success'} strong className="num">
      {value}/{min}
      <span className="sr-only">{short ? '，未达标' : '，达标'}</span>
    </Typography.Text>
  );
}

/** Every team's count against the daily quota (≥8 sites, ≥5 industrial). */
export function QuotaBoard({
  items,
  loading,
  groupLabel,
  teamsById,
  height,
  groups = [],
}: {
  items: TeamQuota[];
  loading: boolean;
  groupLabel: (groupId: string, groupNumber: number) => string;
  teamsById: Map<string, Team>;
  /** Rows scroll inside this height at desktop width (beside the map). */
  height?: number;
  /** The campaign's groups: those without a team today are listed as 尚未编组. */
  groups?: readonly Group[];
}) {
  const mobile = useIsMobile();
  const columns: ResponsiveColumn<Row>[] = [
    {
      title: '核查组',
      key: 'group',
      width: 104,
      card: 'hide',
      onCell: (r) => ({ rowSpan: r.span }),
      render: (_, r) => (
        <>
          <div>{groupLabel(r.groupId, r.groupNumber)}</div>
          {r.unstaffed ? null : (
            <Typography.Text
              type={r.groupMet < r.groupTotal ? 'danger' : 'secondary'}
              style={{ fontSize: 12 }}
            >
              达标 {r.groupMet}/{r.groupTotal}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: '小组',
      key: 'team',
      card: 'title',
      render: (_, r) => {
        const group = mobile ? `${groupLabel(r.groupId, r.groupNumber)} ` : '';
        if (r.unstaffed) return `${group}尚未编组`;
        const names = teamsById
          .get(r.teamId!)
          ?.members.map((m) => m.name)
          .join('、');
        return (
          <>
            <div>
              {group}第{r.teamNumber}小组
            </div>
            {names ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                {names}
              </Typography.Text>
            ) : null}
          </>
        );
      },
    },
    {
      title: '点位',
      key: 'sites',
      width: 64,
      render: (_, r) => (r.unstaffed ? '—' : <Count value={r.sites!} min={r.minSites!} />),
    },
    {
      title: '工业',
      key: 'industrial',
      width: 54,
      render: (_, r) => (r.unstaffed ? '—' : <Count value={r.industrialSites!} min={r.minIndustrial!} />),
    },
    {
      title: '最近',
      key: 'last',
      width: 56,
      className: 'num',
      render: (_, r) => (r.unstaffed ? '—' : fmtClock(r.lastAt ?? null)),
    },
    {
      title: '状态',
      key: 'met',
      width: 70,
      render: (_, r) =>
        r.unstaffed ? (
          <Tag>未编组</Tag>
        ) : r.met ? (
          <Tag color="success">达标</Tag>
        ) : (
          <Tag color="error">未达标</Tag>
        ),
    },
  ];
  return (
    <ResponsiveTable<Row>
      rowKey="key"
      size="small"
      bordered
      label="各小组定额完成情况"
      loading={loading}
      dataSource={arrange(items, groups)}
      pagination={false}
      scroll={height ? { y: height } : undefined}
      locale={{ emptyText: '该日期不在任何轮次内，或尚未编组' }}
      columns={columns}
    />
  );
}
