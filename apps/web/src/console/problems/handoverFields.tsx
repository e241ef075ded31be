import { cityOf } from '@ancha/core';
import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Problem } from '../../lib/api.ts';
import { useCities, useDivisions } from '../../lib/queries.ts';
import { todayShanghai } from '../fieldwork/dates.ts';

/** The server's text when none is given; shown so the sender sees what the bureau will read. */
export const DEFAULT_REQUIREMENTS = '请依法依规调查处理，按期整改到位，并将查处整改情况书面反馈省厅。';
/** Default time a bureau gets to investigate and answer. */
export const DEFAULT_DAYS = 10;

export const defaultDeadline = (): Dayjs => dayjs(todayShanghai()).add(DEFAULT_DAYS, 'day');
const beforeToday = (d: Dayjs) => d.isBefore(dayjs(todayShanghai()), 'day');

/**
 * Who fixes it is the inspected place's own bureau: the problem's city or one of that city's
 * counties (the server refuses anything else). The site's own county comes first.
 */
function BureauSelect({
  problem,
  ...rest
}: {
  problem: Problem;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const city = cityOf(problem.site.divisionCode);
  const cities = useCities();
  const counties = useDivisions({ parent: city });
  const cityName = cities.data?.find((c) => c.code === city)?.name ?? city;
  const options = [
    { value: city, label: `${cityName}（市级生态环境局）` },
    ...(counties.data ?? []).map((d) => ({
      value: d.code,
      label: d.code === problem.site.divisionCode ? `${d.name}（问题所在地）` : d.name,
    })),
  ];
  return (
    <Select
      {...rest}
      showSearch={{ optionFilterProp: 'label' }}
      loading={cities.isPending || counties.isPending}
      options={options}
      placeholder="选择接收交办的生态环境局"
    />
  );
}

/** 交办: bureau, deadline (default +10 days), requirements. */
export function HandoverFields({ problem }: { problem: Problem }) {
  return (
    <>
      <Form.Item
        label="交办给"
        name="bureauDivisionCode"
        rules={[{ required: true, message: '请选择接收交办的地市或区县生态环境局' }]}
        extra="问题所在地市或其所辖区县的生态环境局；交办后对方才能看到该问题。"
      >
        <BureauSelect problem={problem} />
      </Form.Item>
      <DeadlineItem />
      <Form.Item label="整改要求" name="requirements">
        <Input.TextArea rows={3} maxLength={4000} showCount />
      </Form.Item>
    </>
  );
}

export function DeadlineItem({ label = '整改反馈期限' }: { label?: string }) {
  return (
    <Form.Item label={label} name="deadline" rules={[{ required: true, message: '请选择整改反馈期限' }]}>
      <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={beforeToday} />
    </Form.Item>
  );
}

export function handoverDefaults(problem: Problem) {
  return {
    bureauDivisionCode: problem.site.divisionCode,
    deadline: defaultDeadline(),
    requirements: DEFAULT_REQUIREMENTS,
  };
}
