import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Tag } from 'antd';
import { useState } from 'react';
import { api, type Person } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { useCan } from '../auth.tsx';
import { useDivisionNames } from '../common/divisions.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { PersonFormModal } from './PersonFormModal.tsx';
import { certStatus } from './person.ts';

const PAGE = 50;

export function PeopleTab() {
  const canEdit = useCan('roster.edit');
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const people = useInfiniteQuery({
    queryKey: keys.people(q),
    queryFn: ({ pageParam }) => api.people({ q: q || undefined, limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = people.data?.pages.flatMap((p) => p.items) ?? [];
  const divisionName = useDivisionNames(rows.map((p) => p.homeDivisionCode));

  return (
    <Card size="small">
      <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="姓名、手机号、执法证号或单位"
          aria-label="搜索人员"
          onSearch={(v) => setQ(v.trim())}
          style={{ maxWidth: 280 }}
        />
        {canEdit ? (
          <Button
            type="primary"
            data-primary-action
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
          >
            新增人员
          </Button>
        ) : null}
      </Flex>
      <ErrorAlert error={people.error} onRetry={() => people.refetch()} />
      <ResponsiveTable<Person>
        rowKey="id"
        size="small"
        loading={people.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: q ? `没有与“${q}”匹配的人员` : '暂无人员，可新增或通过轮次名单导入' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          {
            title: '所属地区',
            key: 'division',
            render: (_, p) => divisionName(p.homeDivisionCode, p.homeDivisionName),
          },
          { title: '工作单位', dataIndex: 'unit' },
          { title: '职务', dataIndex: 'position', render: (v: string) => v || '—' },
          { title: '执法证号', dataIndex: 'certNumber', render: (v: string | null) => v || '—' },
          {
            title: '执法证有效期至',
            key: 'cert',
            render: (_, p) => {
              const s = certStatus(p);
              return s.tag ? <Tag color={s.color}>{s.text}</Tag> : s.text;
            },
          },
          { title: '手机号', dataIndex: 'phone', className: 'num' },
          ...(canEdit
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  render: (_: unknown, p: Person) => (
                    <Button type="link" size="small" onClick={() => setEditing(p)}>
                      编辑
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {people.hasNextPage ? (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button loading={people.isFetchingNextPage} onClick={() => people.fetchNextPage()}>
            加载更多
          </Button>
        </div>
      ) : null}
      {editing ? (
        <PersonFormModal person={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      ) : null}
    </Card>
  );
}
