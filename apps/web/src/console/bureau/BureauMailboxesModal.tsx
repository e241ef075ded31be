import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Flex, Input, Modal, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { api, type BureauMailbox, errorMessage } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { ResponsiveTable } from '../common/ResponsiveTable.tsx';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** One mailbox, edited in place; empty clears it (a county then uses its city's). */
function EmailCell({ box, parent }: { box: BureauMailbox; parent: string }) {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [value, setValue] = useState(box.email ?? '');
  const changed = value.trim() !== (box.email ?? '');
  const valid = !value.trim() || EMAIL.test(value.trim());
  const save = useMutation({
    mutationFn: () => api.setBureauMailbox(box.divisionCode, value.trim() || null),
    onSuccess: (saved) => {
      message.success(
        `${saved.divisionName}：${saved.email ? `交办邮箱已设为 ${saved.email}` : '交办邮箱已清除'}`,
      );
      qc.invalidateQueries({ queryKey: keys.bureauMailboxes(parent) });
      // A city's address is what its counties without their own use.
      if (box.level === 'city') qc.invalidateQueries({ queryKey: keys.bureauMailboxes(box.divisionCode) });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Flex gap={8}>
      <Input
        size="small"
        aria-label={`${box.divisionName}交办邮箱`}
        value={value}
        status={valid ? undefined : 'error'}
        placeholder={box.inherited ? `使用市局邮箱 ${box.inherited.email}` : '未设置'}
        onChange={(e) => setValue(e.target.value)}
        onPressEnter={() => changed && valid && save.mutate()}
      />
      <Button
        size="small"
        type="primary"
        disabled={!changed || !valid}
        loading={save.isPending}
        onClick={() => save.mutate()}
      >
        保存
      </Button>
    </Flex>
  );
}

function MailboxTable({ parent }: { parent: string }) {
  const list = useQuery({
    queryKey: keys.bureauMailboxes(parent),
    queryFn: () => api.bureauMailboxes(parent || undefined),
    select: (r) => r.items,
  });
  const columns: TableColumnsType<BureauMailbox> = [
    { key: 'name', title: parent ? '区县' : '地市', dataIndex: 'divisionName', width: 120 },
    {
      key: 'email',
      title: '接收交办单的邮箱',
      render: (_, b) => <EmailCell key={`${b.divisionCode}:${b.email ?? ''}`} box={b} parent={parent} />,
    },
  ];
  return (
    <>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <ResponsiveTable<BureauMailbox>
        rowKey="divisionCode"
        size="small"
        loading={list.isPending}
        columns={columns}
        dataSource={list.data ?? []}
        pagination={false}
        expandable={
          parent
            ? undefined
            : {
                rowExpandable: (b) => b.level === 'city',
                expandedRowRender: (b) => <MailboxTable parent={b.divisionCode} />,
              }
        }
      />
    </>
  );
}

/** 属地局邮箱: where each city's (and, when set, each county's) 交办单 mail goes. */
export function BureauMailboxesModal({ onClose }: { onClose: () => void }) {
  return (
    <Modal open title="属地生态环境局交办邮箱" width={720} footer={null} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        交办后，《环境问题交办单》会发送到接收单位的邮箱。区县未设置时发送到所属地市的邮箱；展开地市可设置其区县。
      </Typography.Paragraph>
      <div style={{ maxHeight: '60vh', overflow: 'auto' }}>
        <MailboxTable parent="" />
      </div>
    </Modal>
  );
}
