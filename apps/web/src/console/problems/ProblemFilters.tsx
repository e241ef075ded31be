import { PROBLEM_KINDS } from '@ancha/core';
import { Badge, Button, Checkbox, Flex, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { shortCity, useCities, useRounds } from '../../lib/queries.ts';
import { TEXT_BAD } from '../common/theme.ts';
import type { useFieldGroups } from '../fieldwork/useFieldGroups.ts';
import type { useBoardParams } from './params.ts';

type Params = ReturnType<typeof useBoardParams>;

export function ProblemFilters({
  params,
  campaignId,
  groups,
  province,
  overdueCount,
}: {
  params: Params;
  campaignId: string | undefined;
  groups: ReturnType<typeof useFieldGroups>;
  /** Only the provincial side chooses among groups and cities; a group sees its own anyway. */
  province: boolean;
  overdueCount: number;
}) {
  const rounds = useRounds(campaignId);
  const cities = useCities();
  const [q, setQ] = useState(params.get('q') ?? '');
  const applied = params.get('q') ?? '';
  useEffect(() => setQ(applied), [applied]);
  return (
    <Flex wrap gap={8} align="center" style={{ marginBottom: 8 }}>
      <Select
        aria-label="轮次"
        style={{ width: 120 }}
        allowClear
        placeholder="全部轮次"
        value={params.get('round')}
        options={(rounds.data ?? []).map((r) => ({ value: r.id, label: `第${r.number}轮` }))}
        onChange={(v: string | undefined) => params.set({ round: v })}
      />
      {province ? (
        <>
          <Select
            aria-label="核查组"
            style={{ width: 170 }}
            allowClear
            placeholder="全部核查组"
            loading={groups.pending}
            value={params.get('group')}
            options={groups.options}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(v: string | undefined) => params.set({ group: v })}
          />
          <Select
            aria-label="问题所在地市"
            style={{ width: 130 }}
            allowClear
            placeholder="全部地市"
            loading={cities.isPending}
            value={params.get('city')}
            options={(cities.data ?? []).map((c) => ({ value: c.code, label: shortCity(c.name) }))}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(v: string | undefined) => params.set({ city: v })}
          />
        </>
      ) : null}
      <Select
        aria-label="问题类型"
        style={{ width: 140 }}
        allowClear
        placeholder="全部类型"
        value={params.get('kind')}
        options={Object.entries(PROBLEM_KINDS).map(([value, label]) => ({ value, label }))}
        onChange={(v: string | undefined) => params.set({ kind: v })}
      />
      <Input.Search
        aria-label="搜索问题描述"
        style={{ width: 200 }}
        allowClear
        placeholder="搜索问题描述"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(v) => params.set({ q: v.trim() || undefined })}
      />
      <Checkbox
        checked={params.get('overdue') === 'true'}
        onChange={(e) => params.set({ overdue: e.target.checked ? 'true' : undefined })}
      >
        <span style={{ color: overdueCount ? TEXT_BAD : undefined }}>仅看逾期未反馈</span>
        <Badge count={overdueCount} size="small" style={{ marginInlineStart: 6 }} />
      </Checkbox>
      {params.filtered ? (
        <Button type="link" onClick={params.clear}>
          清除筛选
        </Button>
      ) : null}
    </Flex>
  );
}
