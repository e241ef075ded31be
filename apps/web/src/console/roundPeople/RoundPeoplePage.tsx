import { formatLoginCode, MEMBERSHIP_ROLE_LABELS } from '@ancha/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { saveBlob } from '../../lib/api.ts';
import { useRounds } from '../../lib/queries.ts';
import { type AccountsSheet, type Nomination, staffingApi } from '../../lib/staffingApi.ts';
import { useCampaignParam } from '../common/CampaignSelect.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { DisciplinePanel } from './DisciplinePanel.tsx';
import { IncidentsPanel } from './IncidentsPanel.tsx';
import { RosterChangesPanel } from './RosterChangesPanel.tsx';
import { dt, RoundSelect } from './shared.tsx';

/** Accounts with one-time codes: shown once, printed and handed out on the first day. */
function AccountsTab({ roundId }: { roundId: string }) {
  const [sheet, setSheet] = useState<AccountsSheet | null>(null);
  const issue = useMutation({ mutationFn: () => staffingApi.accounts(roundId), onSuccess: setSheet });
  // The SMS list is made from the codes on screen, right after issuing: the server keeps no
  // code in clear, so a list lost later means issuing new codes.
  const sms = useMutation({
    mutationFn: async (format: 'xlsx' | 'csv') => {
      const codes = (sheet?.items ?? []).flatMap((i) => (i.code ? [{ userId: i.userId, code: i.code }] : []));
      saveBlob(
        await staffingApi.smsList(roundId, { format, codes }),
        `第${sheet?.roundNumber}轮登录码短信发送清单.${format}`,
      );
    },
  });
  const withCodes = sheet?.items.some((i) => i.code) ?? false;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">
        按本轮名单为每人开通账号（用户名为手机号，绑定本轮所在核查组和角色），未设置密码的人员生成一次性登录码：仅此次显示、7天内有效、只能登录一次，登录后须设置密码。离开名单的人员账号自动停用。
      </Typography.Paragraph>
      <Space wrap>
        <Button type="primary" loading={issue.isPending} onClick={() => issue.mutate()}>
          开通账号并生成登录码
        </Button>
        {sheet ? <Button onClick={() => window.print()}>打印登录码</Button> : null}
        {withCodes ? (
          <>
            <Button loading={sms.isPending && sms.variables === 'xlsx'} onClick={() => sms.mutate('xlsx')}>
              短信发送清单（.xlsx）
            </Button>
            <Button loading={sms.isPending && sms.variables === 'csv'} onClick={() => sms.mutate('csv')}>
              短信发送清单（.csv）
            </Button>
          </>
        ) : null}
      </Space>
      {withCodes ? (
        <Typography.Text type="secondary">
          短信发送清单（手机号、姓名、短信内容）供短信平台导入，须在生成登录码后30分钟内导出；登录码不留存明文，过时请重新生成。
        </Typography.Text>
      ) : null}
      <ErrorAlert error={issue.error ?? sms.error} />
      {sheet ? (
        <Table
          rowKey="personId"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={sheet.items}
          columns={[
            {
              title: '组',
              dataIndex: 'groupNumber',
              render: (n: number, r) => `第${n}组 ${r.stationedCity}`,
            },
            { title: '姓名', dataIndex: 'name' },
            {
              title: '角色',
              dataIndex: 'role',
              render: (r: keyof typeof MEMBERSHIP_ROLE_LABELS) => MEMBERSHIP_ROLE_LABELS[r],
            },
            { title: '用户名', dataIndex: 'username' },
            {
              title: '一次性登录码',
              dataIndex: 'code',
              render: (c: string | null) =>
                c ? <Typography.Text code>{formatLoginCode(c)}</Typography.Text> : '已设置密码',
            },
            { title: '有效期至', dataIndex: 'codeExpiresAt', render: dt },
          ]}
        />
      ) : (
        <Empty description="尚未生成：名单确定后点击“开通账号并生成登录码”，打印后在首日发给本人" />
      )}
    </Space>
  );
}

function IntegrityTab({ roundId }: { roundId: string }) {
  const q = useQuery({
    queryKey: ['integrity', roundId],
    queryFn: () => staffingApi.integrity(roundId, true),
  });
  return (
    <>
      <ErrorAlert error={q.error} />
      <Table
        rowKey="personId"
        size="small"
        loading={q.isPending}
        scroll={{ x: 'max-content' }}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '全部人员均已签署承诺书（轮次结束后再查看自查表）' }}
        columns={[
          { title: '组', dataIndex: 'groupNumber', render: (n: number) => `第${n}组` },
          { title: '姓名', dataIndex: 'name' },
          {
            title: '承诺书',
            dataIndex: 'pledgeSignedAt',
            render: (v: string | null) => (v ? dt(v) : <Tag color="red">未签署</Tag>),
          },
          {
            title: '自查表',
            dataIndex: 'selfCheckSignedAt',
            render: (v: string | null) => (v ? dt(v) : <Tag>未填写</Tag>),
          },
        ]}
      />
    </>
  );
}

function NominationsTab({ roundId }: { roundId: string }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [reason, setReason] = useState<Record<string, string>>({});
  const q = useQuery({ queryKey: ['nominations', roundId], queryFn: () => staffingApi.nominations(roundId) });
  const notices = useQuery({ queryKey: ['notices', roundId], queryFn: () => staffingApi.notices(roundId) });
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['nominations', roundId] }),
      qc.invalidateQueries({ queryKey: ['notices', roundId] }),
    ]);
  const back = useMutation({
    mutationFn: (n: Nomination) =>
      staffingApi.sendBack(
        n.id,
        reason[n.id] ||
          n.checks
            .filter((c) => !c.ok)
            .map((c) => c.message)
            .join('；'),
      ),
    onSuccess: refresh,
  });
  const notice = useMutation({
    mutationFn: (ids: string[]) => staffingApi.issueNotice(roundId, ids),
    onSuccess: async (n) => {
      message.success(`已印发通报第${n.number}期`);
      await refresh();
    },
  });
  const items = q.data?.items ?? [];
  const unqualified = items.filter((n) => !n.qualified || n.state === 'sent_back');
  const toNotice = items.filter((n) => n.state === 'sent_back' && !n.noticeId).map((n) => n.id);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text>
        本轮提名 {items.length} 人，其中资格审核未通过 {items.filter((n) => !n.qualified).length} 人。
      </Typography.Text>
      <ErrorAlert error={q.error ?? back.error ?? notice.error} />
      <Table
        rowKey="id"
        size="small"
        loading={q.isPending}
        scroll={{ x: 'max-content' }}
        dataSource={unqualified}
        locale={{ emptyText: '没有不符合条件的提名人员' }}
        columns={[
          { title: '派员地市', key: 'c', render: (_, n) => n.city.name },
          { title: '姓名', dataIndex: 'name' },
          { title: '职务', dataIndex: 'position' },
          {
            title: '未通过的条件',
            key: 'f',
            render: (_, n) =>
              n.checks
                .filter((c) => !c.ok)
                .map((c) => c.message)
                .join('；') || '—',
          },
          {
            title: '退回',
            key: 'b',
            render: (_, n) =>
              n.state === 'sent_back' ? (
                <Tag color="orange">已退回{n.noticeId ? '·已通报' : ''}</Tag>
              ) : (
                <Space.Compact>
                  <Input
                    size="small"
                    placeholder="退回原因"
                    aria-label={`${n.name}的退回原因`}
                    value={reason[n.id] ?? ''}
                    onChange={(e) => setReason({ ...reason, [n.id]: e.target.value })}
                  />
                  <Button size="small" danger onClick={() => back.mutate(n)}>
                    退回
                  </Button>
                </Space.Compact>
              ),
          },
        ]}
      />
      <Button
        disabled={toNotice.length === 0}
        loading={notice.isPending}
        onClick={() => notice.mutate(toNotice)}
      >
        就已退回的 {toNotice.length} 人印发全省通报
      </Button>
      {(notices.data?.items ?? []).map((n) => (
        <Card key={n.id} size="small" title={`通报第${n.number}期：${n.title}`}>
          点名：{n.cities.map((c) => `${c.name}（${c.count}人）`).join('、')}{' '}
          <a href={`/api/v1/notices/${n.id}/document.docx`}>下载 Word</a>
        </Card>
      ))}
    </Space>
  );
}

export default function RoundPeoplePage() {
  const { campaign, select } = useCampaignParam();
  const rounds = useRounds(campaign?.id);
  const [roundId, setRoundId] = useState<string>();
  const current = roundId ?? rounds.data?.[0]?.id;
  return (
    <>
      <PageHeader
        title="轮次人员"
        extra={
          <>
            {select}
            <RoundSelect rounds={rounds.data} value={current} onChange={setRoundId} />
          </>
        }
      />
      {current && campaign ? (
        <Tabs
          key={current}
          items={[
            { key: 'n', label: '提名审核与通报', children: <NominationsTab roundId={current} /> },
            { key: 'a', label: '账号与登录码', children: <AccountsTab roundId={current} /> },
            {
              key: 'c',
              label: '名单调整申请',
              children: <RosterChangesPanel campaignId={campaign!.id} roundId={current} />,
            },
            { key: 'i', label: '廉洁自律', children: <IntegrityTab roundId={current} /> },
            {
              key: 's',
              label: '安全事件',
              children: <IncidentsPanel campaignId={campaign!.id} roundId={current} />,
            },
            {
              key: 'd',
              label: '违纪记录',
              children: <DisciplinePanel campaignId={campaign!.id} roundId={current} />,
            },
          ]}
        />
      ) : (
        <Card>
          <Empty description="暂无轮次" />
        </Card>
      )}
    </>
  );
}
