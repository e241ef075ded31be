import { describe, expect, it } from 'vitest';
import { CATEGORY_CODES } from '../field/taxonomy.ts';
import { pollutionAlertBody } from './alertSchema.ts';
import {
  activeAlertsAt,
  alertCovers,
  alertLevelRank,
  alertSubtype,
  highestAlertLevel,
  inspectionCategoryOrder,
  type PollutionAlert,
} from './alerts.ts';

const t = (s: string) => new Date(`${s}+08:00`);
const window = { startsAt: '2020-11-20T00:00:00+08:00', endsAt: '2020-11-23T12:00:00+08:00' };
const province: PollutionAlert = { id: 'P', level: 'yellow', areaKind: 'province', areaCodes: [], ...window };
const zhengzhou: PollutionAlert = {
  id: 'Z',
  level: 'red',
  areaKind: 'cities',
  areaCodes: ['4101'],
  ...window,
};
const jiyuan: PollutionAlert = {
  id: 'J',
  level: 'orange',
  areaKind: 'cities',
  areaCodes: ['419001'],
  ...window,
};
const zhongmou: PollutionAlert = {
  id: 'C',
  level: 'orange',
  areaKind: 'counties',
  areaCodes: ['410122'],
  ...window,
};
const inside = t('2020-11-21T10:00:00');

describe('alert coverage', () => {
  it('a province alert covers all of Henan, the province code included, and nothing else', () => {
    for (const code of ['41', '4101', '410122', '419001', '4117', '411728']) {
      expect(alertCovers(province, code, inside)).toBe(true);
    }
    expect(alertCovers(province, '420102', inside)).toBe(false);
  });

  it('a city alert covers the city and its counties, not its neighbours', () => {
    expect(alertCovers(zhengzhou, '4101', inside)).toBe(true);
    expect(alertCovers(zhengzhou, '410122', inside)).toBe(true);
    expect(alertCovers(zhengzhou, '410221', inside)).toBe(false);
    expect(alertCovers(zhengzhou, '41', inside)).toBe(false);
  });

  it('济源 (419001) is a city: its alert covers it, a 4190 prefix does not help others', () => {
    expect(alertCovers(jiyuan, '419001', inside)).toBe(true);
    expect(alertCovers(jiyuan, '4190', inside)).toBe(false);
    expect(alertCovers(zhengzhou, '419001', inside)).toBe(false);
  });

  it('a county alert covers the county only, not its city', () => {
    expect(alertCovers(zhongmou, '410122', inside)).toBe(true);
    expect(alertCovers(zhongmou, '410105', inside)).toBe(false);
    expect(alertCovers(zhongmou, '4101', inside)).toBe(false);
  });

  it('is in force from the start instant inclusive to the end instant exclusive', () => {
    expect(alertCovers(zhengzhou, '4101', t('2020-11-19T23:59:59.999'))).toBe(false);
    expect(alertCovers(zhengzhou, '4101', t('2020-11-20T00:00:00'))).toBe(true);
    expect(alertCovers(zhengzhou, '4101', t('2020-11-23T11:59:59.999'))).toBe(true);
    expect(alertCovers(zhengzhou, '4101', t('2020-11-23T12:00:00'))).toBe(false);
    const asDates = { ...zhengzhou, startsAt: new Date(window.startsAt), endsAt: new Date(window.endsAt) };
    expect(alertCovers(asDates, '4101', t('2020-11-20T00:00:00'))).toBe(true);
  });
});

describe('active alerts and category order', () => {
  const later: PollutionAlert = { ...province, id: 'P2', startsAt: '2020-11-21T00:00:00+08:00' };
  const all = [province, zhongmou, zhengzhou, jiyuan, later];

  it('lists the alerts of a place highest level first, then the latest started', () => {
    expect(activeAlertsAt(all, '410122', inside).map((a) => a.id)).toEqual(['Z', 'C', 'P2', 'P']);
    expect(activeAlertsAt(all, '410221', inside).map((a) => a.id)).toEqual(['P2', 'P']);
    expect(activeAlertsAt(all, '410122', t('2020-11-24T00:00:00'))).toEqual([]);
    expect(highestAlertLevel(all, '419001', inside)).toBe('orange');
    expect(highestAlertLevel(all, '419001', t('2020-12-01T00:00:00'))).toBeNull();
  });

  it('offers emergency-control checks first while an alert covers the place', () => {
    const order = inspectionCategoryOrder([zhongmou], '410122', inside);
    expect(order[0]).toBe('pollution_alert');
    expect([...order].sort()).toEqual([...CATEGORY_CODES].sort());
    expect(inspectionCategoryOrder([zhongmou], '410105', inside)).toEqual(CATEGORY_CODES);
    expect(inspectionCategoryOrder([], '410122', inside, ['dust', 'pollution_alert'])).toEqual([
      'dust',
      'pollution_alert',
    ]);
  });

  it('orders the levels and maps them to the inspection subtype', () => {
    expect(['red', 'blue', 'orange', 'yellow'].map((l) => alertLevelRank(l as 'red'))).toEqual([4, 1, 3, 2]);
    expect(alertSubtype('blue')).toBe('light_alert');
    expect(alertSubtype('orange')).toBe('heavy_alert');
  });
});

describe('alert body', () => {
  const ok = { level: 'orange', areaKind: 'cities', areaCodes: ['4101', '419001', '4101'], ...window };
  const messages = (body: unknown) => {
    const r = pollutionAlertBody.safeParse(body);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts a city alert and drops repeated codes', () => {
    expect(pollutionAlertBody.parse(ok)).toMatchObject({ areaCodes: ['4101', '419001'], note: '' });
    expect(pollutionAlertBody.parse({ ...ok, areaKind: 'province', areaCodes: [] }).areaKind).toBe(
      'province',
    );
    expect(
      pollutionAlertBody.parse({ ...ok, areaKind: 'counties', areaCodes: ['410122'] }).areaCodes,
    ).toEqual(['410122']);
  });

  it('explains every mistake in Chinese', () => {
    expect(messages({ ...ok, level: 'purple' })).toEqual(['level: 请选择预警级别（蓝色、黄色、橙色、红色）']);
    expect(messages({ ...ok, areaKind: 'province' })).toEqual(['areaCodes: 全省预警无需选择地区']);
    expect(messages({ ...ok, areaCodes: [] })).toEqual(['areaCodes: 请至少选择一个地市']);
    expect(messages({ ...ok, areaCodes: ['410122', '4201'] })).toEqual([
      'areaCodes: “410122”不是河南省的地市代码（4位，济源为419001）',
      'areaCodes: “4201”不是河南省的地市代码（4位，济源为419001）',
    ]);
    expect(messages({ ...ok, areaKind: 'counties', areaCodes: ['4101', '419001'] })).toEqual([
      'areaCodes: “4101”不是河南省的区县代码（6位）',
      'areaCodes: 济源市在本方案中为地市，请按地市发布预警',
    ]);
    expect(messages({ ...ok, endsAt: ok.startsAt })).toEqual(['endsAt: 结束时间应晚于开始时间']);
    expect(messages({ ...ok, endsAt: '2021-01-30T00:00:00+08:00' })).toEqual([
      'endsAt: 预警时长不能超过31天',
    ]);
    expect(messages({ ...ok, startsAt: '2020-11-20 08:00' })).toEqual([
      'startsAt: 时间格式应为带时区的 ISO 8601',
    ]);
  });
});
