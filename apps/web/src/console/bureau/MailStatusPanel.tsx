import { MailOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { BureauMailboxesModal } from './BureauMailboxesModal.tsx';

/**
 * Whether handover mail reaches the bureaus: no SMTP server means every 交办单 mail waits in
 * the outbox. For admin and command (the server's MAIL_ADMINS), with the bureau mailboxes.
 */
export function MailStatusPanel() {
  const [editing, setEditing] = useState(false);
  const outbox = useQuery({
    queryKey: keys.mailOutbox,
    queryFn: api.mailOutbox,
    refetchInterval: 60_000,
    retry: (n, err) => !(err instanceof ApiError && err.status < 500) && n < 2,
  });
  const missing = outbox.error instanceof ApiError && outbox.error.status === 404;
  const button = (
    <Button size="small" icon={<MailOutlined />} disabled={missing} onClick={() => setEditing(true)}>
      属地局邮箱
    </Button>
  );

  let view: { type: 'success' | 'info' | 'warning' | 'error'; text: string };
  const o = outbox.data;
  if (missing) view = { type: 'info', text: '邮件服务尚未开放：交办单暂不能通过邮件发送' };
  else if (outbox.error) view = { type: 'warning', text: '邮件发送状态暂时无法获取' };
  else if (!o) return null;
  else {
    const parts: string[] = [];
    if (!o.smtpConfigured) parts.push(`未配置邮件服务器，${o.pending} 封待发送`);
    else if (o.pending) parts.push(`${o.pending} 封待发送`);
    if (o.failed) parts.push(`${o.failed} 封发送失败`);
    view = {
      type: o.failed ? 'error' : !o.smtpConfigured ? 'warning' : 'success',
      text: parts.length ? `交办邮件：${parts.join('，')}` : '交办邮件：全部已发送',
    };
  }
  return (
    <>
      <Alert
        type={view.type}
        showIcon
        title={view.text}
        action={button}
        style={{ marginBottom: 12 }}
        data-testid="mail-status"
      />
      {editing ? <BureauMailboxesModal onClose={() => setEditing(false)} /> : null}
    </>
  );
}
