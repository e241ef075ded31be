import { MEMBERSHIP_ROLE_LABELS, MEMBERSHIP_ROLES } from '@ancha/core';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Popconfirm, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage, type Group, type Membership, type Round } from '../../lib/api.ts';
import { keys, shortCity } from '../../lib/queries.ts';
import { useDivisionNames } from '../common/divisions.ts';
import { EmptyState } from '../common/EmptyState.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { AddMemberModal } from './AddMemberModal.tsx';
import { certStatus } from './person.ts';

const ROLE_COLORS = { leader: 'red', liaison: 'blue', member: 'default', datadesk: 'purple' } as const;

export function GroupMembers({ round, group, canEdit }: { round: Round; group: Group; canEdit: boolean }) {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [adding, setAdding] = useState(false);
  const members = useQuery({
    queryKey: keys.memberships(round.id, group.id),
    queryFn: () => api.memberships(round.id, group.id),
    // The server orders the roster (role, then name in pinyin order); keep its order.
    select: (r) => r.items,
  });
  const remove = useMutation({
    mutationFn: (m: Membership) => api.removeMembership(m.id),
    onSuccess: (_, m) => {
      message.success(`已将“${m.person.name}”移出第${group.number}组`);
      qc.invalidateQueries({ queryKey: ['memberships', round.id] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const rows = members.data ?? [];
  const divisionName = useDivisionNames(rows.map((m) => m.person.homeDivisionCode));
  const counts = MEMBERSHIP_ROLES.map(
    (r) => `${MEMBERSHIP_ROLE_LABELS[r]} ${rows.filter((m) => m.role === r).length}`,
  ).join(' · ');

  return (
    <Card
      size="small"
      title={`第${round.number}轮 · 第${group.number}组（进驻${shortCity(group.stationedCity.name)}）`}
      extra={
        canEdit ? (
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            添加人员
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        已编入：{counts}；分组表计划派员 {group.headcount} 人（含组长），联络员 {group.liaisonCount} 人。
      </Typography.Paragraph>
      <ErrorAlert error={members.error} onRetry={() => members.refetch()} />
      <ResponsiveTable<Membership>
        rowKey="id"
        size="small"
        loading={members.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <EmptyState
              title="本轮该组尚未编入人员"
              why="派员地市推荐、省厅审核后的人员编入各组名单。"
              next="可逐个添加，或在“轮次名单”中导入 Excel 名单。"
            />
          ),
        }}
        columns={[
          {
            title: '名单角色',
            dataIndex: 'role',
            render: (r: Membership['role']) => <Tag color={ROLE_COLORS[r]}>{MEMBERSHIP_ROLE_LABELS[r]}</Tag>,
          },
          { title: '姓名', key: 'name', render: (_, m) => m.person.name },
          {
            title: '所属地区',
            key: 'division',
            render: (_, m) => divisionName(m.person.homeDivisionCode, m.person.homeDivisionName),
          },
          { title: '工作单位', key: 'unit', render: (_, m) => m.person.unit },
          { title: '职务', key: 'position', render: (_, m) => m.person.position || '—' },
          { title: '执法证号', key: 'cert', render: (_, m) => m.person.certNumber || '—' },
          {
            title: '执法证有效期至',
            key: 'certValid',
            // Qualification is judged against the round, not against today.
            render: (_, m) => {
              const s = certStatus(m.person, round.startDate);
              return s.tag ? <Tag color={s.color}>{s.text}</Tag> : s.text;
            },
          },
          { title: '手机号', key: 'phone', className: 'num', render: (_, m) => m.person.phone },
          ...(canEdit
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  render: (_: unknown, m: Membership) => (
                    <Popconfirm
                      title={`将“${m.person.name}”移出本组？`}
                      description="仅移出本轮名单，人员信息保留在人员库。"
                      okText="移出"
                      cancelText="取消"
                      onConfirm={() => remove.mutateAsync(m).catch(() => undefined)}
                    >
                      <Button type="link" size="small" danger>
                        移出
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {adding ? <AddMemberModal round={round} group={group} onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}
