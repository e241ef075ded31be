import { can, LEDGER_STATUS_CODES } from '@ancha/core';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Row,
  Select,
  Statistic,
  Table,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage, saveBlob } from '../../lib/api.ts';
import { type LedgerCheck, type LedgerEntry, placesApi } from '../../lib/placesApi.ts';
import { useUser } from '../auth.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { fmtTime } from '../fieldwork/labels.ts';
import { ledgerStatusLabel, VERDICT_ORDER, VerdictTag, verdictLabel } from './labels.tsx';
import { SheetImport } from './SheetImport.tsx';

/**
 * 散乱污台账: each city's ledger as the province imported it, and the check of every inspected
 * enterprise against it (新增、死灰复燃、异地转移). A group sees only its stationed city.
 */
export default function LedgersPage() {
  const user = useUser();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const cities = useQuery({ queryKey: ['ledgers'], queryFn: placesApi.ledgers });
  const list = cities.data?.items ?? [];
  const cityCode = params.get('city') ?? list[0]?.cityCode ?? '';
  const city = list.find((c) => c.cityCode === cityCode);
  const mayImport = can(user.roles, 'ledgers.import');

  const header = (
    <PageHeader
      title="散乱污台账"
      extra={
        list.length > 1 ? (
          <Select
            aria-label="城市"
            style={{ minWidth: 140 }}
            value={cityCode || undefined}
            onChange={(v) => setParams({ city: v })}
            options={list.map((c) => ({ value: c.cityCode, label: `${c.cityName}（${c.entryCount}）` }))}
          />
        ) : null
      }
    />
  );
  if (cities.isPending) return <Loading />;
  if (!city)
    return (
      <>
        {header}
        <ErrorAlert error={cities.error} onRetry={() => cities.refetch()} />
        <Card>
          <Empty description="没有可查看的城市台账：核查组只能查看进驻城市的台账。" />
        </Card>
      </>
    );
  return (
    <>
      {header}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'n', label: '台账企业', children: `${city.entryCount} 家` },
            {
              key: 's',
              label: '整治类型',
              children: LEDGER_STATUS_CODES.map(
                (s) => `${ledgerStatusLabel(s)} ${city.byStatus[s] ?? 0}`,
              ).join('，'),
            },
            {
              key: 'at',
              label: '导入时间',
              children: city.importedAt
                ? `${fmtTime(city.importedAt)}（${city.fileName ?? ''}）`
                : '尚未导入',
            },
          ]}
        />
        {mayImport ? (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginTop: 8 }}>
            <SheetImport
              what={`${city.cityName}台账`}
              templateName="散乱污企业台账模板.xlsx"
              template={placesApi.ledgerTemplate}
              upload={(file) => placesApi.importLedger(city.cityCode, file)}
              onDone={(r) => {
                message.success(
                  `${city.cityName}台账已导入：${r.entries} 家企业（替换原有 ${r.replaced} 条）`,
                  6,
                );
                qc.invalidateQueries({ queryKey: ['ledgers'] });
                qc.invalidateQueries({ queryKey: ['ledger-entries'] });
              }}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              新导入的台账替换该市原台账；任何一行有误则整份不导入。
            </Typography.Text>
          </div>
        ) : null}
      </Card>
      <Tabs
        items={[
          {
            key: 'checks',
            label: '台账核对',
            children: <ChecksTab cityCode={city.cityCode} cityName={city.cityName} />,
          },
          {
            key: 'entries',
            label: '台账企业',
            children: (
              <EntriesTab cityCode={city.cityCode} empty={city.entryCount === 0} mayImport={mayImport} />
            ),
          },
        ]}
      />
    </>
  );
}

function ChecksTab({ cityCode, cityName }: { cityCode: string; cityName: string }) {
  const { message } = AntApp.useApp();
  const [verdict, setVerdict] = useState<string | undefined>();
  const checks = useQuery({
    queryKey: ['ledger-checks', cityCode, verdict],
    queryFn: () => placesApi.ledgerChecks({ cityCode, verdict, limit: 500 }),
  });
  const exported = useMutation({
    mutationFn: () => placesApi.ledgerChecksXlsx(cityCode, verdict),
    onSuccess: (b) => saveBlob(b, `${cityName}散乱污台账核对表.xlsx`),
    onError: (e) => message.error(errorMessage(e)),
  });
  const counts = checks.data?.counts ?? {};
  return (
    <>
      <ErrorAlert error={checks.error} onRetry={() => checks.refetch()} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {VERDICT_ORDER.map((v) => (
          <Col key={v} xs={12} md={6}>
            <Card size="small" hoverable onClick={() => setVerdict(verdict === v ? undefined : v)}>
              <Statistic title={verdictLabel(v)} value={counts[v] ?? 0} />
            </Card>
          </Col>
        ))}
      </Row>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 8 }}>
        <Select
          aria-label="核对结论"
          allowClear
          placeholder="全部结论"
          style={{ minWidth: 160 }}
          value={verdict}
          onChange={setVerdict}
          options={VERDICT_ORDER.map((v) => ({ value: v, label: verdictLabel(v) }))}
        />
        <Button icon={<DownloadOutlined />} loading={exported.isPending} onClick={() => exported.mutate()}>
          导出核对表（.xlsx）
        </Button>
      </div>
      <Table<LedgerCheck>
        rowKey="inspectionId"
        size="small"
        loading={checks.isPending}
        dataSource={checks.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <Empty description="还没有核对结果：核查组检查工业企业或“散乱污”点位后，会自动与本市台账核对。" />
          ),
        }}
        columns={[
          { title: '检查日期', dataIndex: 'localDate', width: 110 },
          { title: '核查组', dataIndex: 'groupNumber', width: 80, render: (n: number) => `第${n}组` },
          { title: '企业（点位）', key: 'site', render: (_: unknown, c) => c.site.name },
          { title: '区县', key: 'county', width: 100, render: (_: unknown, c) => c.site.divisionName ?? '' },
          {
            title: '现场',
            dataIndex: 'operating',
            width: 80,
            render: (o: boolean) => (o ? '在产' : '未生产'),
          },
          { title: '结论', key: 'verdict', width: 150, render: (_: unknown, c) => <VerdictTag check={c} /> },
          {
            title: '台账企业',
            key: 'entry',
            render: (_: unknown, c) =>
              c.entry ? `${c.entry.name}（${ledgerStatusLabel(c.entry.status)}）` : '—',
          },
        ]}
        expandable={{ expandedRowRender: (c) => <Typography.Paragraph>{c.reason}</Typography.Paragraph> }}
      />
    </>
  );
}

function EntriesTab({
  cityCode,
  empty,
  mayImport,
}: {
  cityCode: string;
  empty: boolean;
  mayImport: boolean;
}) {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<string | undefined>();
  const entries = useQuery({
    queryKey: ['ledger-entries', cityCode, q, status],
    queryFn: () => placesApi.ledgerEntries({ cityCode, q: q || undefined, status, limit: 500 }),
  });
  return (
    <>
      <ErrorAlert error={entries.error} onRetry={() => entries.refetch()} />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 8 }}>
        <Input.Search
          aria-label="搜索台账企业"
          placeholder="企业名称、信用代码或地址"
          allowClear
          style={{ maxWidth: 320 }}
          onSearch={setQ}
        />
        <Select
          aria-label="整治类型"
          allowClear
          placeholder="全部整治类型"
          style={{ minWidth: 140 }}
          value={status}
          onChange={setStatus}
          options={LEDGER_STATUS_CODES.map((s) => ({ value: s, label: ledgerStatusLabel(s) }))}
        />
      </div>
      <Table<LedgerEntry>
        rowKey="id"
        size="small"
        loading={entries.isPending}
        dataSource={entries.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <Empty
              description={
                empty
                  ? mayImport
                    ? '尚未导入该市台账：下载模板，按列填写后点“导入”。'
                    : '省厅尚未导入本市台账。'
                  : '没有符合条件的企业'
              }
            />
          ),
        }}
        columns={[
          { title: '企业名称', dataIndex: 'name' },
          { title: '统一社会信用代码', dataIndex: 'creditCode', render: (c: string | null) => c ?? '—' },
          { title: '区县', dataIndex: 'countyName', width: 110 },
          { title: '地址', dataIndex: 'address', render: (a: string | null) => a ?? '—' },
          { title: '整治类型', dataIndex: 'status', width: 90, render: ledgerStatusLabel },
        ]}
      />
    </>
  );
}
