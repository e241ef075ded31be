import { cityOf } from '@ancha/core';
import { Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Problem } from '../../lib/api.ts';
import { shortCity, useCities } from '../../lib/queries.ts';
import { categoryLabel, countdown, fmtTime, isOverdue, kindLabel, STATE_COLOR } from './labels.ts';
import { ProblemActions } from './ProblemActions.tsx';
import './problems.css';
import { type ResponsiveColumn, ResponsiveTable } from '../common/ResponsiveTable.tsx';

export function StateTag({ p }: { p: Pick<Problem, 'state' | 'stateLabel'> }) {
  return (
    <Tag color={STATE_COLOR[p.state]} style={{ marginInlineEnd: 0 }}>
      {p.stateLabel}
    </Tag>
  );
}

/** "郑州 金水区": the city is what the province sorts by; the county is who must act. */
export function usePlace() {
  const cities = useCities();
  const names = new Map((cities.data ?? []).map((c) => [c.code, shortCity(c.name)]));
  return (p: Problem) => {
    const city = cityOf(p.site.divisionCode);
    return city === p.site.divisionCode
      ? p.site.divisionName
      : `${names.get(city) ?? ''} ${p.site.divisionName}`.trim();
  };
}

export function HandoverCell({ p }: { p: Problem }) {
  const h = p.handover;
  if (!h) return <Typography.Text type="secondary">—</Typography.Text>;
  const overdue = isOverdue(p);
  return (
    <div style={{ lineHeight: 1.5 }}>
      <div className="num">{h.number}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {h.bureauDivision.name} · 期限 {h.deadline}
      </Typography.Text>
      {overdue ? (
        <div>
          <Tag color="red">逾期 · {countdown(h.deadline).replace('已逾期 ', '')}</Tag>
        </div>
      ) : h.feedback ? null : (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {countdown(h.deadline)}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

type Column = 'place' | 'group' | 'found' | 'state' | 'handover' | 'actions';

/** Problems with the columns a view needs; overdue handovers in red. */
export function ProblemTable({
  rows,
  loading,
  groupLabel,
  columns = ['place', 'group', 'found', 'state', 'handover', 'actions'],
  only,
  pageSize = 20,
}: {
  rows: Problem[];
  loading?: boolean;
  groupLabel: (p: Problem) => string;
  columns?: readonly Column[];
  only?: Parameters<typeof ProblemActions>[0]['only'];
  pageSize?: number;
}) {
  const place = usePlace();
  const all: Record<Column, ResponsiveColumn<Problem>> = {
    place: { key: 'place', title: '所在地', width: 120, render: (_, p) => place(p) },
    group: {
      key: 'group',
      title: '核查组 / 检查人员',
      width: 150,
      render: (_, p) => (
        <>
          <div>{groupLabel(p)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.inspectors.join('、')}
          </Typography.Text>
        </>
      ),
    },
    found: {
      key: 'found',
      title: '发现时间',
      width: 130,
      className: 'num',
      sorter: (a, b) => a.foundAt.localeCompare(b.foundAt),
      render: (_, p) => fmtTime(p.foundAt),
    },
    state: {
      key: 'state',
      title: '状态',
      width: 120,
      render: (_, p) => (
        <Flex vertical gap={4} align="flex-start">
          <StateTag p={p} />
          {p.proposeCaseFiling ? <Tag color="magenta">建议立案</Tag> : null}
        </Flex>
      ),
    },
    handover: {
      key: 'handover',
      title: '交办单 / 期限',
      width: 210,
      sorter: (a, b) => (a.handover?.deadline ?? '9').localeCompare(b.handover?.deadline ?? '9'),
      render: (_, p) => <HandoverCell p={p} />,
    },
    actions: {
      key: 'actions',
      title: '操作',
      width: 170,
      render: (_, p) => <ProblemActions problem={p} size="small" only={only} />,
    },
  };
  const cols: ResponsiveColumn<Problem>[] = [
    {
      key: 'site',
      title: '问题点位 / 问题描述',
      card: 'title',
      render: (_, p) => (
        <div style={{ minWidth: 220 }}>
          <Link to={`/problems/${p.id}`}>{p.site.name}</Link>
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: p.description }} style={{ margin: 0 }}>
            {p.description}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {kindLabel(p.kind)} · {categoryLabel(p.category)}
          </Typography.Text>
        </div>
      ),
    },
    ...columns.map((c) => all[c]),
  ];
  return (
    <ResponsiveTable<Problem>
      rowKey="id"
      size="small"
      loading={loading}
      columns={cols}
      dataSource={rows}
      rowClassName={(p) => (isOverdue(p) ? 'problem-overdue' : '')}
      scroll={{ x: 1000 }}
      pagination={
        rows.length > pageSize
          ? { pageSize, showSizeChanger: false, showTotal: (n) => `共 ${n} 个问题` }
          : false
      }
      locale={{ emptyText: '暂无问题' }}
    />
  );
}
