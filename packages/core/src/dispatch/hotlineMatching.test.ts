import { describe, expect, it } from 'vitest';
import {
  findHotlineDuplicates,
  type HotlineClueRef,
  hotlineHotspots,
  prepareDuplicateIndex,
  type SiteRef,
} from './hotlineMatching.ts';

const clue = (over: Partial<HotlineClueRef> & { id: string }): HotlineClueRef => ({
  number: `N-${over.id}`,
  countyCode: '410122',
  place: '',
  content: '',
  receivedAt: '2020-10-20T09:00:00+08:00',
  ...over,
});

const earlier: HotlineClueRef[] = [
  clue({
    id: 'c1',
    number: 'HN001',
    place: '中牟县官渡镇小李村',
    content: '村西有小作坊夜间熔化废塑料，气味刺鼻。',
  }),
  clue({ id: 'c2', number: 'HN002', place: '白沙镇建设路18号', content: '锅炉冒黑烟。' }),
  clue({
    id: 'c3',
    number: 'HN003',
    place: '刘集镇大孟村',
    content: '石材厂切割粉尘大，无任何防尘措施，附近居民无法开窗。',
  }),
];
const sites: SiteRef[] = [
  { id: 's1', name: '中牟县宏达塑料制品有限公司', address: '中牟县白沙镇工业路6号', countyCode: '410122' },
  { id: 's2', name: '鑫源木业厂', address: '中牟县韩寺镇后王村', countyCode: '410122' },
  { id: 's3', name: '宏达塑料厂', address: '金水区柳林镇', countyCode: '410105' },
];
const index = prepareDuplicateIndex(earlier, sites, { knownPlaces: ['中牟县', '中牟'] });

describe('12369 duplicates', () => {
  it('the same ticket number is a duplicate wherever the place', () => {
    const d = findHotlineDuplicates(
      index,
      clue({ id: 'n', number: 'hn001 ', countyCode: '410105', place: '庙李镇' }),
    );
    expect(d).toEqual([{ kind: 'clue', id: 'c1', score: 1, reason: '举报编号相同（HN001）' }]);
  });

  it('same county and a similar place', () => {
    const d = findHotlineDuplicates(
      index,
      clue({ id: 'n', place: '郑州市中牟县官渡镇小李村村西', content: '又在烧塑料' }),
    );
    expect(d[0]).toMatchObject({ kind: 'clue', id: 'c1', reason: '同一区县，被举报地点相近（HN001）' });
    expect(d[0]!.score).toBeGreaterThanOrEqual(0.6);
  });

  it('same county and a similar content', () => {
    const d = findHotlineDuplicates(
      index,
      clue({ id: 'n', place: '大孟村南', content: '石材厂切割粉尘很大，无任何防尘措施，附近居民不能开窗。' }),
    );
    expect(d.map((p) => [p.id, p.reason])).toEqual([['c3', '同一区县，举报内容相近（HN003）']]);
  });

  it('the same place in another county is no duplicate', () => {
    expect(
      findHotlineDuplicates(index, clue({ id: 'n', countyCode: '410105', place: '官渡镇小李村' })),
    ).toEqual([]);
  });

  it('a site of the county with a similar name, address or mentioned by name', () => {
    expect(findHotlineDuplicates(index, clue({ id: 'n', place: '宏达塑料厂', content: '偷排' }))).toEqual([
      {
        kind: 'site',
        id: 's1',
        score: 1,
        reason: '同一区县，被举报地点与点位“中牟县宏达塑料制品有限公司”名称相近',
      },
    ]);
    const byAddress = findHotlineDuplicates(
      index,
      clue({ id: 'n', place: '白沙镇工业路6号院内', content: '异味' }),
    );
    expect(byAddress.map((p) => [p.id, p.reason])).toEqual([
      ['s1', '同一区县，被举报地点与点位“中牟县宏达塑料制品有限公司”地址相近'],
    ]);
    const mentioned = findHotlineDuplicates(
      index,
      clue({ id: 'n', place: '白沙镇', content: '镇上的宏达塑料厂晚上偷偷生产' }),
    );
    expect(mentioned).toEqual([
      { kind: 'site', id: 's1', score: 0.8, reason: '线索中提到点位“中牟县宏达塑料制品有限公司”' },
    ]);
  });

  it('a shared trade name of another industry is not a mention', () => {
    expect(
      findHotlineDuplicates(index, clue({ id: 'n', place: '白沙镇', content: '宏达木业厂晚上喷漆' })),
    ).toEqual([]);
  });

  it('never proposes a clue as its own duplicate', () => {
    expect(findHotlineDuplicates(index, earlier[1]!)).toEqual([]);
  });
});

describe('12369 hotspots', () => {
  const clues = [
    clue({ id: 'a1', place: '官渡镇小李村', receivedAt: '2020-10-20T09:00:00+08:00' }),
    clue({ id: 'b1', place: '白沙镇建设路18号', receivedAt: '2020-10-21T09:00:00+08:00' }),
    clue({ id: 'a2', place: '中牟县官渡镇小李村村西', receivedAt: '2020-10-22T09:00:00+08:00' }),
    clue({ id: 'x1', place: '刘集镇大孟村', receivedAt: '2020-10-23T09:00:00+08:00' }),
    clue({ id: 'b2', place: '白沙镇建设路18号院内', receivedAt: '2020-10-25T09:00:00+08:00' }),
    clue({ id: 'a3', place: '官渡镇小李村', receivedAt: '2020-10-26T09:00:00+08:00' }),
    clue({ id: 'y1', place: '白沙镇建设路20号', receivedAt: '2020-10-26T10:00:00+08:00' }),
    clue({ id: 'z1', countyCode: '410105', place: '官渡镇小李村', receivedAt: '2020-10-27T09:00:00+08:00' }),
  ];

  it('groups repeated clues by county and place, most repeated first', () => {
    const spots = hotlineHotspots(clues, { knownPlaces: ['中牟县'] });
    expect(spots).toEqual([
      {
        countyCode: '410122',
        place: '官渡镇小李村',
        count: 3,
        clueIds: ['a1', 'a2', 'a3'],
        firstReceivedAt: new Date('2020-10-20T01:00:00Z'),
        lastReceivedAt: new Date('2020-10-26T01:00:00Z'),
      },
      {
        countyCode: '410122',
        place: '白沙镇建设路18号',
        count: 2,
        clueIds: ['b1', 'b2'],
        firstReceivedAt: new Date('2020-10-21T01:00:00Z'),
        lastReceivedAt: new Date('2020-10-25T01:00:00Z'),
      },
    ]);
  });

  it('lists single clues too when asked, the latest first among equals', () => {
    const spots = hotlineHotspots(clues, { minCount: 1 });
    expect(spots.map((s) => [s.count, s.clueIds.join()])).toEqual([
      [3, 'a1,a2,a3'],
      [2, 'b1,b2'],
      [1, 'z1'],
      [1, 'y1'],
      [1, 'x1'],
    ]);
  });
});
