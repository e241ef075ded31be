import { HENAN_PROVINCE_CODE } from '@ancha/core';
import { Cascader } from 'antd';
import { useState } from 'react';
import { useCities } from '../../lib/queries.ts';
import { divisionPath, useCounties } from './divisions.ts';

interface Props {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  /** Allow stopping at a city (bureaus and people may belong to either level). */
  cityAllowed?: boolean;
  /** Offer the province itself (staff of provincial units, e.g. liaisons). */
  provinceAllowed?: boolean;
  id?: string;
}

/**
 * Henan city → county picker. Cities load first; a city's counties load when it is opened
 * (or when the current value lies in it, so the label shows a name rather than a code).
 */
export function DivisionCascader({
  value,
  onChange,
  placeholder = '选择地市 / 区县',
  cityAllowed = true,
  provinceAllowed = false,
  id,
}: Props) {
  const cities = useCities();
  const path = divisionPath(value);
  const [opened, setOpened] = useState<string[]>([]);
  const counties = useCounties(path.length === 2 ? [...opened, path[0]!] : opened);

  const cityOptions = (cities.data ?? []).map((c) => {
    const children = counties.byCity.get(c.code);
    return {
      value: c.code,
      label: c.name,
      // A city without counties (济源) is a leaf once we know it has none.
      isLeaf: children !== undefined && children.length === 0,
      children: children?.length
        ? children.map((d) => ({ value: d.code, label: d.name, isLeaf: true }))
        : undefined,
    };
  });
  const options = provinceAllowed
    ? [{ value: HENAN_PROVINCE_CODE, label: '省直单位', isLeaf: true, children: undefined }, ...cityOptions]
    : cityOptions;

  return (
    <Cascader
      id={id}
      style={{ width: '100%' }}
      options={options}
      value={path}
      placeholder={placeholder}
      changeOnSelect={cityAllowed}
      loading={cities.isPending || counties.pending}
      showSearch={false}
      loadData={(selected) => {
        const city = selected[selected.length - 1]?.value;
        if (typeof city === 'string' && !opened.includes(city)) setOpened((o) => [...o, city]);
      }}
      onChange={(p) => onChange?.(p?.length ? String(p[p.length - 1]) : undefined)}
    />
  );
}
