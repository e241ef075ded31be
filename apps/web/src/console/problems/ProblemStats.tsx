import { cityOf, type ProblemState } from '@ancha/core';
import { Segmented, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { Problem } from '../../lib/api.ts';
import { shortCity, useCities } from '../../lib/queries.ts';
import { ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { TEXT_BAD, TEXT_SECONDARY } from '../common/theme.ts';
import { isOverdue } from './labels.ts';

/** Columns of the count table: a stage of the workflow is one or more states. */
const STAGES: readonly { key: string; title: string; states: readonly ProblemState[] }[] = [
  { key: 'group', title: '组内待上报', states: ['draft', 'returned'] },
  { key: 'review', title: '待审核', states: ['submitted'] },
  { key: 'approved', title: '待交办', states: ['approved'] },
  { key: 'bureau', title: '属地办理中', states: ['handed_over', 'received'] },
  { key: 'followup', title: '待回头看', states: ['feedback_submitted'] },
  { key: 'closed', title: '已销号', states: ['closed'] },
  { key: 'management', title: '管理问题', states: ['open', 'fixed_on_spot'] },
];

interface Row {
  key: string;
  name: string;
  total: number;
  overdue: number;
  stages: Record<string, number>;
}

function tally(rows: Problem[], keyOf: (p: Problem) => string, nameOf: (key: string) => string): Row[] {
  const out = new Map<string, Row>();
  for (const p of rows) {
    const key = keyOf(p);
    const row = out.get(key) ?? { key, name: nameOf(key), total: 0, overdue: 0, stages: {} };
    row.total++;
    if (isOverdue(p)) row.overdue++;
    const stage = STAGES.find((s) => s.states.includes(p.state));
    if (stage) row.stages[stage.key] = (row.stages[stage.key] ?? 0) + 1;
    out.set(key, row);
  }
  return [...out.values()];
}

/** Counts per city (where the problem is) or per group (who found it), by stage; click a row to filter the board. */
export function ProblemStats({
  rows,
  loading,
  groupLabel,
  onPick,
}: {
  rows: Problem[];
  loading: boolean;
  groupLabel: (id: string, n: number) => string;
  onPick: (by: 'city' | 'group', key: string) => void;
}) {
  const [by, setBy] = useState<'city' | 'group'>('city');
  const cities = useCities();
  const cityOrder = (cities.data ?? []).map((c) => c.code);
  const numbers = new Map(rows.map((p) => [p.groupId, p.groupNumber]));
  const data =
    by === 'city'
      ? tally(
          rows,
          (p) => cityOf(p.site.divisionCode),
          (c) => shortCity(cities.data?.find((x) => x.code === c)?.name ?? c),
        ).sort((a, b) => cityOrder.indexOf(a.key) - cityOrder.indexOf(b.key))
      : tally(
          rows,
          (p) => p.groupId,
          (g) => groupLabel(g, numbers.get(g) ?? 0),
        ).sort((a, b) => (numbers.get(a.key) ?? 0) - (numbers.get(b.key) ?? 0));
  const n = (v: number | undefined) => (v ? v : <span style={{ color: TEXT_SECONDARY }}>0</span>);
  const columns: TableColumnsType<Row> = [
    { key: 'name', title: by === 'city' ? '问题所在地市' : '核查组', dataIndex: 'name', width: 170 },
    { key: 'total', title: '问题数', dataIndex: 'total', align: 'right', className: 'num' },
    ...STAGES.map((s) => ({
      key: s.key,
      title: s.title,
      align: 'right' as const,
      className: 'num',
      render: (_: unknown, r: Row) => n(r.stages[s.key]),
    })),
    {
      key: 'overdue',
      title: '逾期未反馈',
      align: 'right',
      className: 'num',
      render: (_, r) =>
        r.overdue ? <span style={{ color: TEXT_BAD, fontWeight: 600 }}>{r.overdue}</span> : n(0),
    },
  ];
  return (
    <>
      <Segmented
        style={{ marginBottom: 12 }}
        value={by}
        onChange={(v) => setBy(v as 'city' | 'group')}
        options={[
          { value: 'city', label: '按地市' },
          { value: 'group', label: '按核查组' },
        ]}
      />
      <ResponsiveTable<Row>
        rowKey="key"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data}
        pagination={false}
        onRow={(r) => ({ onClick: () => onPick(by, r.key), style: { cursor: 'pointer' } })}
        rowClassName={(r) => (r.overdue ? 'problem-overdue' : '')}
        summary={() =>
          data.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right" className="num">
                {rows.length}
              </Table.Summary.Cell>
              {STAGES.map((s, i) => (
                <Table.Summary.Cell key={s.key} index={i + 2} align="right" className="num">
                  {rows.filter((p) => s.states.includes(p.state)).length}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={STAGES.length + 2} align="right" className="num">
                {rows.filter(isOverdue).length}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
        locale={{ emptyText: '暂无问题' }}
      />
    </>
  );
}
