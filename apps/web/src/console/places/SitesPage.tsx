import type { SiteOut } from '@ancha/core';
import { can } from '@ancha/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Card, Empty, Input, Select, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { placesApi } from '../../lib/placesApi.ts';
import { useUser } from '../auth.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { siteKindLabel } from '../fieldwork/labels.ts';
import { SheetImport } from './SheetImport.tsx';

/**
 * 点位库: the registry of inspected places. Search by name, credit code or address; open a site
 * for its history; import sites; merge duplicates from a site's page. A group sees its city.
 */
export default function SitesPage() {
  const user = useUser();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  // The cities the caller may work in: all for the province, the stationed city for a group.
  const cities = useQuery({ queryKey: ['ledgers'], queryFn: placesApi.ledgers });
  const cityList = cities.data?.items ?? [];
  const cityCode = params.get('city') ?? (cityList.length === 1 ? cityList[0]!.cityCode : '');
  const sites = useQuery({
    queryKey: ['sites', q, cityCode],
    queryFn: () => placesApi.sites({ q: q || undefined, cityCode: cityCode || undefined, limit: 200 }),
  });
  const mayManage = can(user.roles, 'sites.manage');
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const city = cityList.find((c) => c.cityCode === cityCode);

  return (
    <>
      <PageHeader
        title="点位库"
        extra={
          <>
            {cityList.length > 1 ? (
              <Select
                aria-label="城市"
                allowClear
                placeholder="全部城市"
                style={{ minWidth: 130 }}
                value={cityCode || undefined}
                onChange={(v) => set({ city: v ?? '' })}
                options={cityList.map((c) => ({ value: c.cityCode, label: c.cityName }))}
              />
            ) : null}
            <Input.Search
              aria-label="搜索点位"
              placeholder="名称、信用代码或地址"
              allowClear
              defaultValue={q}
              style={{ width: 260, maxWidth: '100%' }}
              onSearch={(v) => set({ q: v.trim() })}
            />
          </>
        }
      />
      {mayManage ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
            <Typography.Text>批量导入{city ? `${city.cityName}` : ''}点位：</Typography.Text>
            <SheetImport
              what="点位"
              templateName="点位导入模板.xlsx"
              template={placesApi.sitesTemplate}
              disabled={!city}
              upload={(file) => placesApi.importSites(city!.cityCode, file)}
              onDone={(r) => {
                message.success(`已导入 ${r.created} 个点位`);
                qc.invalidateQueries({ queryKey: ['sites'] });
              }}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {city ? '任何一行有误则整份不导入；已登记的信用代码不会重复导入。' : '请先选择城市。'}
            </Typography.Text>
          </div>
        </Card>
      ) : null}
      <ErrorAlert error={sites.error ?? cities.error} onRetry={() => sites.refetch()} />
      <Table<SiteOut>
        rowKey="id"
        size="small"
        loading={sites.isPending}
        dataSource={sites.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        locale={{
          emptyText: (
            <Empty
              description={
                q
                  ? `没有与“${q}”相符的点位，换个关键词试试。`
                  : '点位库还是空的：检查员在手机上登记点位，或在此导入点位表。'
              }
            />
          ),
        }}
        columns={[
          {
            title: '点位名称',
            dataIndex: 'name',
            render: (name: string, s) => <Link to={`/sites/${s.id}`}>{name}</Link>,
          },
          { title: '类型', dataIndex: 'kind', width: 110, render: siteKindLabel },
          { title: '区县', dataIndex: 'divisionName', width: 110 },
          { title: '统一社会信用代码', dataIndex: 'creditCode', render: (c: string | null) => c ?? '—' },
          { title: '地址', dataIndex: 'address', render: (a: string | null) => a ?? '—' },
        ]}
      />
    </>
  );
}
