import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Input, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { api, errorMessage, type User } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { useUser } from '../auth.tsx';
import { useDivisionNames } from '../common/divisions.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { fmtTime } from '../fieldwork/labels.ts';
import { useGroupOptions } from './groupOptions.ts';
import { PasswordModal } from './PasswordModal.tsx';
import { RoleTags } from './RoleTags.tsx';
import { UserFormModal } from './UserFormModal.tsx';

const PAGE = 100;

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User } | null;

export default function UsersPage() {
  const me = useUser();
  const [q, setQ] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const users = useInfiniteQuery({
    queryKey: keys.users(q),
    queryFn: ({ pageParam }) => api.users({ q: q || undefined, limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = users.data?.pages.flatMap((p) => p.items) ?? [];
  const groups = useGroupOptions();
  const divisionName = useDivisionNames(
    rows.flatMap((u) => u.roles.flatMap((r) => (r.divisionCode ? [r.divisionCode] : []))),
  );
  const toggle = useMutation({
    mutationFn: (u: User) => api.updateUser(u.id, { disabled: !u.disabled }),
    onSuccess: (u) => {
      message.success(u.disabled ? `已停用“${u.displayName}”` : `已启用“${u.displayName}”`);
      qc.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  return (
    <>
      <PageHeader
        title="用户管理"
        extra={
          <>
            <Input.Search
              allowClear
              placeholder="用户名或姓名"
              onSearch={(v) => setQ(v.trim())}
              style={{ width: 220 }}
              aria-label="搜索用户"
            />
            <Button
              type="primary"
              data-primary-action
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: 'create' })}
            >
              新建用户
            </Button>
          </>
        }
      />
      <Card size="small">
        <ErrorAlert error={users.error} onRetry={() => users.refetch()} />
        <ResponsiveTable<User>
          rowKey="id"
          size="small"
          loading={users.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: q ? `没有与“${q}”匹配的用户` : '暂无用户' }}
          columns={[
            { title: '用户名', dataIndex: 'username' },
            { title: '姓名', dataIndex: 'displayName' },
            {
              title: '角色',
              key: 'roles',
              // Bindings wrap inside the column, so the table fits 1366 px with its actions visible.
              width: 380,
              render: (_, u) => (
                <RoleTags roles={u.roles} groupLabel={groups.label} divisionName={divisionName} />
              ),
            },
            { title: '关联人员', key: 'person', render: (_, u) => (u.personId ? '已关联' : '—') },
            {
              title: '状态',
              key: 'disabled',
              render: (_, u) => (u.disabled ? <Tag>已停用</Tag> : <Tag color="success">正常</Tag>),
            },
            {
              title: '创建时间',
              dataIndex: 'createdAt',
              className: 'num',
              render: (t?: string) => fmtTime(t),
            },
            {
              title: '操作',
              key: 'actions',
              fixed: 'right',
              render: (_, u) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
                    编辑
                  </Button>
                  <Button type="link" size="small" onClick={() => setDialog({ kind: 'password', user: u })}>
                    重置密码
                  </Button>
                  {u.id === me.id ? null : (
                    <Popconfirm
                      title={u.disabled ? `启用“${u.displayName}”？` : `停用“${u.displayName}”？`}
                      description={u.disabled ? undefined : '停用后该用户立即退出登录且无法再登录。'}
                      okText={u.disabled ? '启用' : '停用'}
                      cancelText="取消"
                      onConfirm={() => toggle.mutateAsync(u).catch(() => undefined)}
                    >
                      <Button type="link" size="small" danger={!u.disabled}>
                        {u.disabled ? '启用' : '停用'}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
        {users.hasNextPage ? (
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Button loading={users.isFetchingNextPage} onClick={() => users.fetchNextPage()}>
              加载更多
            </Button>
          </div>
        ) : null}
      </Card>
      {dialog?.kind === 'create' ? <UserFormModal onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' ? <UserFormModal user={dialog.user} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'password' ? (
        <PasswordModal user={dialog.user} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}
