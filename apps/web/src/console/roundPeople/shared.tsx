import { MEMBERSHIP_ROLE_LABELS } from '@ancha/core';
import { useQuery } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { Select } from 'antd';
import type { z } from 'zod';
import { api } from '../../lib/api.ts';
import { useGroups } from '../../lib/queries.ts';

/** An ISO instant in the console's format (Shanghai time, 24 h). */
export const dt = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';

/** The campaign's rounds as a picker beside the page title (both people pages share it). */
export function RoundSelect({
  rounds,
  value,
  onChange,
}: {
  rounds: readonly { id: string; number: number }[] | undefined;
  value: string | undefined;
  onChange: (roundId: string) => void;
}) {
  return (
    <Select
      aria-label="轮次"
      style={{ minWidth: 120 }}
      value={value}
      onChange={onChange}
      options={(rounds ?? []).map((r) => ({ label: `第${r.number}轮`, value: r.id }))}
    />
  );
}

/** The round's groups the caller may see (the server scopes them), as select options. */
export function useGroupOptions(campaignId: string, roundId: string) {
  const groups = useGroups(campaignId, roundId);
  return {
    loading: groups.isPending,
    options: (groups.data ?? []).map((g) => ({
      value: g.id,
      label: `第${g.number}组（驻${g.stationedCity.name}）`,
    })),
  };
}

/** The people on a group's roster this round, to pick one of them. */
export function RosterPersonSelect({
  roundId,
  groupId,
  value,
  onChange,
  id,
}: {
  roundId: string;
  groupId?: string;
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
}) {
  const seats = useQuery({
    queryKey: ['memberships', roundId, groupId],
    queryFn: () => api.memberships(roundId, groupId),
    enabled: !!groupId,
  });
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      disabled={!groupId}
      loading={seats.isFetching}
      placeholder={groupId ? '选择本组名单中的人员' : '请先选择核查组'}
      showSearch={{ optionFilterProp: 'label' }}
      options={(seats.data?.items ?? []).map((m) => ({
        value: m.person.id,
        label: `${m.person.name}（${MEMBERSHIP_ROLE_LABELS[m.role]} · ${m.person.unit}）`,
      }))}
    />
  );
}

/**
 * Checks a form's values with core's schema; on failure puts each message on its field and
 * answers null. The server checks again; this only saves a round trip and says it in place.
 */
export function checkWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  form: FormInstance,
  fieldOf: (key: string) => string = (k) => k,
): z.output<S> | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const byField = new Map<string, string[]>();
  for (const issue of parsed.error.issues) {
    const field = fieldOf(String(issue.path[0] ?? ''));
    byField.set(field, [...(byField.get(field) ?? []), issue.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return null;
}
