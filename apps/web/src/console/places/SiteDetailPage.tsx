import { can, cityOf, type SiteOut } from '@ancha/core';
import { MergeCellsOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Empty,
  Input,
  Modal,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../lib/api.ts';
import { placesApi, type SiteOverview } from '../../lib/placesApi.ts';
import { useUser } from '../auth.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { categoryLabel, fmtTime, outcomeLabel, siteKindLabel } from '../fieldwork/labels.ts';
import { STATE_COLOR, stateLabel } from '../problems/labels.ts';
import { ledgerStatusLabel, VerdictTag } from './labels.tsx';

/** One site's record: where it is, what the ledger says, every visit and every problem found. */
export default function SiteDetailPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const navigate = useNavigate();
  const overview = useQuery({ queryKey: ['site-overview', id], queryFn: () => placesApi.siteOverview(id) });
  const [merging, setMerging] = useState(false);
  // A merged duplicate's address answers with the survivor: move to the survivor's own address.
  const survivor = overview.data?.site.id;
  useEffect(() => {
    if (survivor && survivor !== id) navigate(`/sites/${survivor}`, { replace: true });
  }, [survivor, id, navigate]);
  if (overview.isPending) return <Loading />;
  if (!overview.data)
    return (
      <>
        <PageHeader title="点位档案" />
        <ErrorAlert error={overview.error} onRetry={() => overview.refetch()} />
      </>
    );
  const { site, inspections, problems, ledger } = overview.data;
  return (
    <>
      <PageHeader
        title={site.name}
        extra={
          <>
            <Link to="/sites">返回点位库</Link>
            {can(user.roles, 'sites.manage') ? (
              <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)}>
                合并重复点位
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'k', label: '类型', children: siteKindLabel(site.kind) },
            { key: 'd', label: '区县', children: site.divisionName ?? site.divisionCode },
            { key: 'c', label: '统一社会信用代码', children: site.creditCode ?? '—' },
            { key: 'a', label: '地址', children: site.address ?? '—' },
            {
              key: 'p',
              label: '位置',
              children:
                site.lat != null && site.lng != null ? `${site.lat.toFixed(5)}, ${site.lng.toFixed(5)}` : '—',
            },
          ]}
        />
      </Card>
      <Card size="small" title="“散乱污”台账核对" style={{ marginBottom: 12 }}>
        <LedgerStanding ledger={ledger} />
      </Card>
      <Card size="small" title={`检查记录（${inspections.length}）`} style={{ marginBottom: 12 }}>
        <Table
          rowKey="id"
          size="small"
          dataSource={inspections}
          pagination={inspections.length > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description="该点位还没有检查记录" /> }}
          columns={[
            {
              title: '检查时间',
              dataIndex: 'startedAt',
              render: (t: string, i) => <Link to={`/inspections/${i.id}`}>{fmtTime(t)}</Link>,
            },
            {
              title: '核查组',
              key: 'g',
              render: (_: unknown, i) => `第${i.groupNumber}组 第${i.teamNumber}小组`,
            },
            { title: '类别', key: 'c', render: (_: unknown, i) => categoryLabel(i.category, i.subtype) },
            { title: '结果', dataIndex: 'outcome', render: outcomeLabel },
            { title: '台账核对', key: 'l', render: (_: unknown, i) => <VerdictTag check={i.ledgerCheck} /> },
          ]}
        />
      </Card>
      <Card size="small" title={`问题（${problems.length}）`}>
        <Table
          rowKey="id"
          size="small"
          dataSource={problems}
          pagination={problems.length > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description="该点位没有发现问题" /> }}
          columns={[
            {
              title: '问题',
              dataIndex: 'description',
              render: (d: string, p) => <Link to={`/problems/${p.id}`}>{d}</Link>,
            },
            {
              title: '状态',
              dataIndex: 'state',
              render: (s: string) => (
                <Tag color={STATE_COLOR[s as keyof typeof STATE_COLOR]}>{stateLabel(s)}</Tag>
              ),
            },
            { title: '发现时间', dataIndex: 'createdAt', render: (t: string) => fmtTime(t) },
          ]}
        />
      </Card>
      {merging ? <MergeModal site={site} onClose={() => setMerging(false)} /> : null}
    </>
  );
}

function LedgerStanding({ ledger }: { ledger: SiteOverview['ledger'] }) {
  if (!ledger.hasLedger)
    return <Typography.Text type="secondary">本市尚未导入“散乱污”台账，无法核对。</Typography.Text>;
  const c = ledger.check!;
  return (
    <div>
      <VerdictTag check={c} />
      {c.entry ? (
        <Typography.Text>
          台账企业：{c.entry.name}（{ledgerStatusLabel(c.entry.status)}）
          {c.entry.address ? `，${c.entry.address}` : ''}
        </Typography.Text>
      ) : null}
      <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{c.reason}</Typography.Paragraph>
    </div>
  );
}

/** Picks the duplicates of `site` in its city and merges them into it. */
function MergeModal({ site, onClose }: { site: SiteOut; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [q, setQ] = useState(site.name.slice(0, 4));
  const [picked, setPicked] = useState<string[]>([]);
  const found = useQuery({
    queryKey: ['sites', 'merge', site.id, q],
    queryFn: () => placesApi.sites({ q: q || undefined, cityCode: cityOf(site.divisionCode), limit: 50 }),
  });
  const merge = useMutation({
    mutationFn: () => placesApi.mergeSites(site.id, picked),
    onSuccess: (r) => {
      message.success(
        `已合并 ${r.merged.length} 个点位：移入检查记录 ${r.inspections} 条、问题 ${r.problems} 个`,
      );
      qc.invalidateQueries({ queryKey: ['sites'] });
      qc.invalidateQueries({ queryKey: ['site-overview'] });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const candidates = (found.data?.items ?? []).filter((s) => s.id !== site.id);
  return (
    <Modal
      open
      width={760}
      title={`合并到“${site.name}”`}
      onCancel={onClose}
      okText={`合并所选（${picked.length}）`}
      okButtonProps={{ disabled: picked.length === 0, danger: true }}
      confirmLoading={merge.isPending}
      onOk={() => merge.mutate()}
    >
      <Alert
        type="warning"
        showIcon
        title="所选点位的检查记录、问题和任务将移到本点位，所选点位从点位库中移除。此操作会记入审计日志，不能撤销。"
        style={{ marginBottom: 12 }}
      />
      <Input.Search
        aria-label="搜索重复点位"
        defaultValue={q}
        onSearch={setQ}
        allowClear
        style={{ marginBottom: 8 }}
      />
      <Table<SiteOut>
        rowKey="id"
        size="small"
        loading={found.isPending}
        dataSource={candidates}
        rowSelection={{ selectedRowKeys: picked, onChange: (keys) => setPicked(keys as string[]) }}
        pagination={false}
        scroll={{ x: 'max-content', y: 320 }}
        locale={{ emptyText: <Empty description="没有找到可能重复的点位，换个关键词搜索" /> }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '区县', dataIndex: 'divisionName' },
          { title: '信用代码', dataIndex: 'creditCode', render: (c: string | null) => c ?? '—' },
          { title: '地址', dataIndex: 'address', render: (a: string | null) => a ?? '—' },
        ]}
      />
    </Modal>
  );
}
