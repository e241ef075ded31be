import { describe, expect, it } from 'vitest';
import type { Nominee } from './nominee.ts';
import { type SeatingNominee, seatPlannedRoster } from './seating.ts';

const round = { startDate: '2020-11-06', endDate: '2020-11-23' };
let seq = 0;
function nominee(city: string, role: 'leader' | 'member'): SeatingNominee {
  const n = ++seq;
  const leader = role === 'leader';
  const nominee: Nominee = {
    name: `人员${n}`,
    homeDivisionCode: city,
    unit: '市生态环境保护综合行政执法支队',
    position: leader ? '副支队长' : '执法一科科员',
    positionCategory: leader ? 'detachment_deputy_head' : 'detachment_staff',
    certNumber: `豫${city}${String(100000 + n)}`,
    certIssuer: '市人民政府',
    certIssuerDivisionCode: city,
    certValidFrom: '2019-01-01',
    certValidUntil: '2023-12-31',
    phone: `139${String(n).padStart(8, '0')}`,
    nominatedRole: role,
  };
  return { key: `n${n}`, nominee };
}

describe('seating a confirmed table', () => {
  // 开封 ← 济源 6 + 濮阳 8 (濮阳 leads), one data-desk secondee.
  const table = [
    {
      number: 1,
      stationedCityCode: '4102',
      dataDeskCount: 1,
      dispatchingCities: [
        { code: '4190', headcount: 6, providesLeader: false },
        { code: '4109', headcount: 8, providesLeader: true },
      ],
    },
  ];
  const pool = [
    ...Array.from({ length: 7 }, () => nominee('4190', 'member')),
    nominee('4109', 'leader'),
    ...Array.from({ length: 8 }, () => nominee('4109', 'member')),
  ];

  it('seats one leader from the leading city, the members, and the desk from the last placed', () => {
    const { seats, shortfalls } = seatPlannedRoster(table, pool, round);
    expect(shortfalls).toEqual([]);
    expect(seats).toHaveLength(14);
    expect(seats.filter((s) => s.role === 'leader').map((s) => s.key)).toEqual([pool[7]!.key]);
    expect(seats.filter((s) => s.cityCode === '4190')).toHaveLength(6);
    expect(seats.filter((s) => s.role === 'datadesk')).toHaveLength(1);
    expect(seats.at(-1)!.role).toBe('datadesk');
    expect(new Set(seats.map((s) => s.key)).size).toBe(14);
    // Deterministic: the same table seats the same people.
    expect(seatPlannedRoster(table, pool, round)).toEqual({ seats, shortfalls });
  });

  it('names what it could not fill', () => {
    const short = pool.filter((n) => n.nominee.nominatedRole === 'member');
    const { seats, shortfalls } = seatPlannedRoster(table, short.slice(0, 10), round, (c) =>
      c === '4109' ? '濮阳市' : '济源市',
    );
    expect(seats.some((s) => s.role === 'leader')).toBe(false);
    expect(shortfalls.join('；')).toContain('濮阳市没有可任组长的合格人选');
    expect(shortfalls.join('；')).toContain('濮阳市应派7名组员，合格人选只够3名');
  });
});
