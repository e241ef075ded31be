import { Table, Tag, Typography } from 'antd';
import type { Team, TeamQuota } from '../../lib/api.ts';
import { fmtClock } from './labels.ts';

interface Row extends TeamQuota {
  /** Rows the group cell spans (0 for the group's later rows). */
  span: number;
  groupMet: number;
  groupTotal: number;
}

/** Teams grouped by group; groups with a team short of the quota first, and such teams first within their group. */
function arrange(items: TeamQuota[]): Row[] {
  const byGroup = new Map<string, TeamQuota[]>();
  for (const t of items) byGroup.set(t.groupId, [...(byGroup.get(t.groupId) ?? []), t]);
  const groups = [...byGroup.values()].map((teams) => ({
    teams: [...teams].sort((a, b) => Number(a.met) - Number(b.met) || a.teamNumber - b.teamNumber),
    unmet: teams.filter((t) => !t.met).length,
    number: teams[0]!.groupNumber,
  }));
  groups.sort((a, b) => Number(b.unmet > 0) - Number(a.unmet > 0) || a.number - b.number);
  return groups.flatMap((g) =>
    g.teams.map((t, n) => ({
      ...t,
      span: n === 0 ? g.teams.length : 0,
      groupMet: g.teams.length - g.unmet,
      groupTotal: g.teams.length,
    })),
  );
}

function Count({ value, min }: { value: number; min: number }) {
  return (
    <Typography.Text type={value < min ? 'danger' : 'success'} strong className="num">
      {value}/{min}
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
}: {
  items: TeamQuota[];
  loading: boolean;
  groupLabel: (groupId: string, groupNumber: number) => string;
  teamsById: Map<string, Team>;
  height: number;
}) {
  return (
    <Table<Row>
      rowKey="teamId"
      size="small"
      bordered
      loading={loading}
      dataSource={arrange(items)}
      pagination={false}
      scroll={{ y: height }}
      locale={{ emptyText: '该日期不在任何轮次内，或尚未编组' }}
      columns={[
        {
          title: '核查组',
          key: 'group',
          width: 104,
          onCell: (r) => ({ rowSpan: r.span }),
          render: (_, r) => (
            <>
              <div>{groupLabel(r.groupId, r.groupNumber)}</div>
              <Typography.Text
                type={r.groupMet < r.groupTotal ? 'danger' : 'secondary'}
                style={{ fontSize: 12 }}
              >
                达标 {r.groupMet}/{r.groupTotal}
              </Typography.Text>
            </>
          ),
        },
        {
          title: '小组',
          key: 'team',
          render: (_, r) => {
            const names = teamsById
              .get(r.teamId)
              ?.members.map((m) => m.name)
              .join('、');
            return (
              <>
                <div>第{r.teamNumber}小组</div>
                {names ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
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
          render: (_, r) => <Count value={r.sites} min={r.minSites} />,
        },
        {
          title: '工业',
          key: 'industrial',
          width: 54,
          render: (_, r) => <Count value={r.industrialSites} min={r.minIndustrial} />,
        },
        { title: '最近', key: 'last', width: 56, className: 'num', render: (_, r) => fmtClock(r.lastAt) },
        {
          title: '状态',
          key: 'met',
          width: 70,
          render: (_, r) => (r.met ? <Tag color="success">达标</Tag> : <Tag color="error">未达标</Tag>),
        },
      ]}
    />
  );
}
