import { CATEGORIES, CATEGORY_CODES, OUTCOMES } from '@ancha/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, DatePicker, Flex, Select } from 'antd';
import dayjs from 'dayjs';
import { api, type InspectionFilter } from '../../lib/api.ts';
import { keys, useRounds } from '../../lib/queries.ts';
import { roundOn } from './dates.ts';
import { OUTCOME_CODES } from './labels.ts';
import type { useFieldGroups } from './useFieldGroups.ts';

type Groups = ReturnType<typeof useFieldGroups>;

/** The teams of a group in the round that contains `date` (none outside a round). */
function useTeamOptions(groups: Groups, groupId: string | undefined, date: string | undefined) {
  const group = groupId ? groups.byId.get(groupId) : undefined;
  const rounds = useRounds(group?.campaignId);
  const round = date ? roundOn(rounds.data ?? [], date) : undefined;
  const teams = useQuery({
    queryKey: keys.teams(round?.id ?? '', groupId ?? ''),
    queryFn: () => api.teams(round!.id, groupId),
    enabled: !!round && !!groupId,
    select: (r) => [...r.items].sort((a, b) => a.number - b.number),
  });
  return {
    options: (teams.data ?? []).map((t) => ({
      value: t.id,
      label: `第${t.number}小组（${t.members.map((m) => m.name).join('、')}）`,
    })),
    loading: teams.isFetching,
  };
}

export function InspectionFilters({
  filter,
  groups,
  onChange,
}: {
  filter: InspectionFilter & { date: string };
  groups: Groups;
  onChange: (changes: Partial<Record<keyof InspectionFilter, string | undefined>>) => void;
}) {
  // A group's own people see one group: no group to choose, its teams to choose from at once.
  const onlyGroup = groups.byId.size === 1 ? [...groups.byId.keys()][0] : undefined;
  const groupId = filter.groupId ?? onlyGroup;
  const teams = useTeamOptions(groups, groupId, filter.date);
  const filtered =
    filter.groupId || filter.category || filter.outcome || filter.flagged || filter.lateEvidence;
  return (
    <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
      <DatePicker
        aria-label="检查日期"
        allowClear={false}
        value={dayjs(filter.date)}
        onChange={(d) => d && onChange({ date: d.format('YYYY-MM-DD') })}
      />
      {onlyGroup ? null : (
        <Select
          aria-label="核查组"
          style={{ width: 170 }}
          allowClear
          placeholder="全部核查组"
          loading={groups.pending}
          value={filter.groupId}
          options={groups.options}
          showSearch={{ optionFilterProp: 'label' }}
          // A team belongs to one group: changing the group drops the team.
          onChange={(v: string | undefined) => onChange({ groupId: v, teamId: undefined })}
        />
      )}
      <Select
        aria-label="小组"
        style={{ width: 180 }}
        allowClear
        disabled={!groupId}
        placeholder={groupId ? '全部小组' : '先选核查组'}
        loading={teams.loading}
        value={filter.teamId}
        options={teams.options}
        notFoundContent="该日期不在本组任何轮次内或尚未编组"
        onChange={(v: string | undefined) => onChange({ teamId: v })}
      />
      <Select
        aria-label="检查类别"
        style={{ width: 150 }}
        allowClear
        placeholder="全部类别"
        value={filter.category}
        options={CATEGORY_CODES.map((c) => ({ value: c, label: CATEGORIES[c].label }))}
        onChange={(v: string | undefined) => onChange({ category: v })}
      />
      <Select
        aria-label="检查结果"
        style={{ width: 150 }}
        allowClear
        placeholder="全部结果"
        value={filter.outcome}
        options={OUTCOME_CODES.map((o) => ({ value: o, label: OUTCOMES[o as keyof typeof OUTCOMES] }))}
        onChange={(v: string | undefined) => onChange({ outcome: v })}
      />
      <Checkbox
        checked={!!filter.flagged}
        onChange={(e) => onChange({ flagged: e.target.checked ? 'true' : undefined })}
      >
        仅看标记
      </Checkbox>
      <Checkbox
        checked={!!filter.lateEvidence}
        onChange={(e) => onChange({ lateEvidence: e.target.checked ? 'true' : undefined })}
      >
        证据超时
      </Checkbox>
      {filtered ? (
        <Button
          type="link"
          onClick={() =>
            onChange({
              groupId: undefined,
              teamId: undefined,
              category: undefined,
              outcome: undefined,
              flagged: undefined,
              lateEvidence: undefined,
            })
          }
        >
          清除筛选
        </Button>
      ) : null}
    </Flex>
  );
}
