import { Button, Card, Table, Typography } from 'antd';
import { useState } from 'react';
import type { Group } from '../../lib/api.ts';
import { shortCity, useGroups } from '../../lib/queries.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { GroupEditModal } from './GroupEditModal.tsx';

/** 附件1's wording: "济源 6人（含组长）＋ 濮阳 8人". */
export function dispatchingText(g: Group): string {
  return g.dispatchingCities
    .map((d) => `${shortCity(d.name)} ${d.headcount}人${d.providesLeader ? '（含组长）' : ''}`)
    .join(' ＋ ');
}

const sum = (gs: readonly Group[], f: (g: Group) => number) => gs.reduce((s, g) => s + f(g), 0);

/** The group table laid out like 附件1《暗访核查人员分组》. */
export function GroupsTable({
  campaignId,
  canEdit,
  round,
}: {
  campaignId: string;
  canEdit: boolean;
  /** A round's own table when it has one (confirmed from the planner); else the campaign's. */
  round?: { id: string; number: number };
}) {
  const groups = useGroups(campaignId, round?.id);
  // The campaign's rows are edited here; a round's confirmed table is changed on the planning page.
  const editable = canEdit && (!round || round.number === 1);
  const [editing, setEditing] = useState<Group | null>(null);
  const rows = groups.data ?? [];

  return (
    <Card
      title={round ? `暗访核查人员分组（第${round.number}轮）` : '暗访核查人员分组（附件1）'}
      size="small"
    >
      <ErrorAlert error={groups.error} onRetry={() => groups.refetch()} />
      <ResponsiveTable<Group>
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        loading={groups.isPending}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无核查组' }}
        columns={[
          { title: '序号', dataIndex: 'number', align: 'center', width: 64 },
          { title: '进驻市', key: 'stationed', render: (_, g) => shortCity(g.stationedCity.name) },
          { title: '派员市', key: 'dispatching', render: (_, g) => dispatchingText(g) },
          {
            title: '派员数（含组长）',
            dataIndex: 'headcount',
            align: 'right',
            className: 'num',
            render: (n: number) => `${n}人`,
          },
          {
            title: '小组数',
            dataIndex: 'teamCount',
            align: 'right',
            className: 'num',
            render: (n: number) => `${n}个`,
          },
          {
            title: '资料调度组',
            dataIndex: 'dataDeskCount',
            align: 'right',
            className: 'num',
            render: (n: number) => (n ? `${n}人` : '—'),
          },
          {
            title: '联络员',
            key: 'liaison',
            render: (_, g) =>
              g.liaisonCount ? `${g.liaisonCount}人 · ${g.liaisonUnit}` : `— · ${g.liaisonUnit}`,
          },
          ...(editable
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  render: (_: unknown, g: Group) => (
                    <Button type="link" size="small" onClick={() => setEditing(g)}>
                      编辑
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
        summary={() =>
          rows.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3} align="center">
                <Typography.Text strong>合计 {rows.length} 个核查组</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right" className="num">
                {sum(rows, (g) => g.headcount)}人
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right" className="num">
                {sum(rows, (g) => g.teamCount)}个
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right" className="num">
                {sum(rows, (g) => g.dataDeskCount)}人
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} colSpan={editable ? 2 : 1}>
                {sum(rows, (g) => g.liaisonCount)}人
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
      {editing ? <GroupEditModal group={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}
