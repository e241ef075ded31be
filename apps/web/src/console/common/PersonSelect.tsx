import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, type Person } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { useDebounced } from './useDebounced.ts';

export function personLabel(p: Person): string {
  return [p.name, p.homeDivisionName, p.unit, p.phone].filter(Boolean).join(' · ');
}

interface Props {
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** How to name the current value when it is not among the search results. */
  currentLabel?: string;
  allowClear?: boolean;
  id?: string;
}

/** Searches the people register on the server (name, phone, certificate, unit); never loads the whole list. */
export function PersonSelect({ value, onChange, currentLabel, allowClear, id }: Props) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const people = useQuery({
    queryKey: [...keys.people(q), 'pick'],
    queryFn: () => api.people({ q: q || undefined, limit: 20 }),
    select: (r) => r.items,
  });
  const options = (people.data ?? []).map((p) => ({ value: p.id, label: personLabel(p) }));
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: currentLabel ?? '已关联人员（输入姓名可查找）' });
  }
  return (
    <Select
      id={id}
      value={value ?? undefined}
      placeholder="输入姓名、手机号、执法证号或单位查找"
      allowClear={allowClear}
      options={options}
      loading={people.isFetching}
      // Filtering happens on the server; the local filter would hide its matches.
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={
        people.isFetching ? '正在查找…' : people.isError ? '查找失败，请稍后重试' : '未找到人员'
      }
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
    />
  );
}
