import { describe, expect, it } from 'vitest';
import {
  type InspectedEnterprise,
  type LedgerEntry,
  ledgerCandidates,
  matchLedger,
  matchLedgerExhaustive,
  prepareLedgerIndex,
} from './ledger.ts';

// 4101 郑州: 410122 中牟县, 410105 金水区, 410183 新密市; 4102 开封: 410221 杞县.
const ledger: LedgerEntry[] = [
  {
    id: 'L1',
    name: '中牟县宏达塑料制品厂',
    address: '中牟县官渡镇小李村东200米',
    countyCode: '410122',
    status: 'banned',
  },
  { id: 'L2', name: '鑫源木业厂', address: '金水区柳林镇杨庄村', countyCode: '410105', status: 'rectify' },
  {
    id: 'L3',
    name: '郑州华润达铸造有限公司',
    creditCode: '91410100MA44A0B77T',
    address: '新密市来集镇苟堂村',
    countyCode: '410183',
    status: 'closed',
  },
  {
    id: 'L4',
    name: '豫兴石材加工厂',
    address: '中牟县刘集镇大孟村',
    countyCode: '410122',
    status: 'relocate',
  },
  {
    id: 'L5',
    name: '无名塑料颗粒加工点',
    address: '中牟县韩寺镇后王村北地',
    countyCode: '410122',
    status: 'banned',
  },
  { id: 'L6', name: '杞县宏达塑料制品厂', address: '杞县城关镇', countyCode: '410221', status: 'banned' },
  { id: 'L7', name: '恒昌彩钢厂', address: '中牟县官渡镇', countyCode: '410122', status: 'closed' },
];
const index = prepareLedgerIndex(ledger, { knownPlaces: ['中牟县', '中牟', '金水区', '新密市', '新密'] });

const at = (over: Partial<InspectedEnterprise>): InspectedEnterprise => ({
  name: '',
  address: null,
  countyCode: '410122',
  operating: true,
  ...over,
});

describe('散乱污 ledger verdicts', () => {
  it('revived: banned, operating again at the same place (死灰复燃)', () => {
    const v = matchLedger(
      index,
      at({ name: '宏达塑料制品有限公司', address: '郑州市中牟县官渡镇小李村东200米' }),
    );
    expect(v).toMatchObject({ verdict: 'revived', label: '死灰复燃', consistent: false, confidence: 'high' });
    expect(v.match).toMatchObject({
      entry: { id: 'L1' },
      score: 1,
      matchedBy: 'name',
      sameCounty: true,
      samePlace: true,
    });
    expect(v.reason).toBe(
      '名称与台账“中牟县宏达塑料制品厂”一致，台账状态为“取缔”；发现地点为原址，现场正在生产，疑似死灰复燃。',
    );
  });

  it('listed: banned and found idle at the same place agrees with the ledger', () => {
    const v = matchLedger(index, at({ name: '宏达塑料制品厂', address: '官渡镇小李村', operating: false }));
    expect(v).toMatchObject({ verdict: 'listed', consistent: true, match: { entry: { id: 'L1' } } });
    expect(v.reason).toContain('与台账一致');
  });

  it('relocated: the operator of a banned entry found elsewhere in the county (异地转移)', () => {
    const v = matchLedger(index, at({ name: '宏达塑料制品厂', address: '中牟县白沙镇建设路18号' }));
    expect(v).toMatchObject({
      verdict: 'relocated',
      label: '异地转移',
      match: { entry: { id: 'L1' }, samePlace: false },
    });
    expect(v.reason).toContain('发现地点在同一区县的另一地址');
  });

  it('relocated across counties of one city, by name', () => {
    const v = matchLedger(index, at({ name: '华润达铸造厂', address: '金水区庙李镇', countyCode: '410105' }));
    expect(v).toMatchObject({
      verdict: 'relocated',
      match: { entry: { id: 'L3' }, sameCounty: false },
      confidence: 'high',
    });
    expect(v.reason).toContain('发现地点在本市另一区县');
  });

  it('relocated: a 搬迁 entry at another address', () => {
    const v = matchLedger(index, at({ name: '豫兴石材厂', address: '中牟县姚家镇', countyCode: '410122' }));
    expect(v).toMatchObject({ verdict: 'relocated', match: { entry: { id: 'L4' } } });
  });

  it('a 搬迁 entry still producing at its old place is listed, not consistent', () => {
    const v = matchLedger(index, at({ name: '豫兴石材加工厂', address: '刘集镇大孟村' }));
    expect(v).toMatchObject({ verdict: 'listed', consistent: false });
    expect(v.reason).toContain('尚未按台账要求搬迁');
  });

  it('listed: an enterprise under rectification where the ledger says', () => {
    const v = matchLedger(
      index,
      at({ name: '鑫源木业有限公司', address: '柳林镇杨庄村', countyCode: '410105' }),
    );
    expect(v).toMatchObject({ verdict: 'listed', consistent: true, match: { entry: { id: 'L2' } } });
  });

  it('listed but flagged when a rectification entry turns up at another address', () => {
    const v = matchLedger(index, at({ name: '鑫源木业厂', address: '惠济区古荥镇', countyCode: '410108' }));
    expect(v).toMatchObject({ verdict: 'listed', consistent: false });
    expect(v.reason).toContain('地址与台账不一致');
  });

  it('new: a business sharing only a generic word is not the ledger entry', () => {
    const v = matchLedger(index, at({ name: '鑫源塑料厂', address: '柳林镇杨庄村', countyCode: '410105' }));
    expect(v).toMatchObject({ verdict: 'new', label: '新增“散乱污”企业', match: null, confidence: 'high' });
    expect(v.reason).toBe('本市“散乱污”台账中未找到该企业（现场正在生产），疑似新增“散乱污”企业。');
  });

  it('looks only at the ledger of the record’s city', () => {
    // 杞县 (开封) also has a 宏达塑料制品厂; a Zhengzhou record must not be matched to it.
    const v = matchLedger(index, at({ name: '宏达塑料制品厂', address: '杞县城关镇', countyCode: '410221' }));
    expect(v.match?.entry.id).toBe('L6');
    expect(
      ledgerCandidates(index, at({ name: '宏达塑料制品厂', countyCode: '410105' })).map((c) => c.entry.id),
    ).toEqual(['L1']);
  });

  it('credit code equality decides, whatever the name says', () => {
    const v = matchLedger(
      index,
      at({
        name: '郑州市金鼎实业有限公司',
        creditCode: ' 91410100ma44a0b77t ',
        address: '新密市来集镇苟堂村',
        countyCode: '410183',
      }),
    );
    expect(v).toMatchObject({
      verdict: 'revived',
      match: { entry: { id: 'L3' }, matchedBy: 'credit_code', score: 1 },
    });
    expect(v.reason).toContain('统一社会信用代码与台账“郑州华润达铸造有限公司”一致');
  });

  it('a different credit code rules a same-named entry out', () => {
    const v = matchLedger(
      index,
      at({
        name: '华润达铸造有限公司',
        creditCode: '91410100MA44A0B88X',
        address: '新密市来集镇苟堂村',
        countyCode: '410183',
      }),
    );
    expect(v.verdict).toBe('new');
  });

  it('finds a nameless workshop by its place (same county, same address, no industry conflict)', () => {
    const v = matchLedger(index, at({ name: '塑料颗粒加工点', address: '韩寺镇后王村北地' }));
    expect(v).toMatchObject({
      verdict: 'revived',
      match: { entry: { id: 'L5' }, matchedBy: 'place', score: 0.75 },
    });
    expect(v.confidence).toBe('medium');
    const wood = matchLedger(index, at({ name: '无名木材加工点', address: '韩寺镇后王村北地' }));
    expect(wood.verdict).toBe('new');
  });

  it('a one-slip two-character trade name counts only at the same place', () => {
    const here = matchLedger(index, at({ name: '宏大塑料制品厂', address: '官渡镇小李村东200米' }));
    expect(here).toMatchObject({ verdict: 'revived', confidence: 'medium', match: { score: 0.8 } });
    const elsewhere = matchLedger(
      index,
      at({ name: '宏大塑料制品厂', address: '金水区庙李镇', countyCode: '410105' }),
    );
    expect(elsewhere).toMatchObject({
      verdict: 'new',
      confidence: 'medium',
      others: [{ entry: { id: 'L1' } }],
    });
    expect(elsewhere.reason).toContain(
      '台账中有可能相关的企业：“中牟县宏达塑料制品厂”（名称相近，取缔），请核实',
    );
  });

  it('hints at a listed business of the same trade at the same address under another name', () => {
    const v = matchLedger(index, at({ name: '兴隆塑料有限公司', address: '中牟县官渡镇小李村东200米' }));
    expect(v).toMatchObject({
      verdict: 'new',
      confidence: 'medium',
      others: [{ entry: { id: 'L1' }, matchedBy: 'place' }],
    });
    expect(v.reason).toBe(
      '本市“散乱污”台账中未找到该企业（现场正在生产），疑似新增“散乱污”企业；台账中有可能相关的企业：“中牟县宏达塑料制品厂”（同一地址，取缔），请核实。',
    );
    const otherTrade = matchLedger(
      index,
      at({ name: '兴隆木业有限公司', address: '中牟县官渡镇小李村东200米' }),
    );
    expect(otherTrade.others).toEqual([]);
  });

  it('same county without addresses is taken as the same place', () => {
    const v = matchLedger(index, at({ name: '恒昌彩钢有限公司', address: null }));
    expect(v).toMatchObject({
      verdict: 'revived',
      match: { addressSimilarity: null, samePlace: true },
      confidence: 'medium',
    });
    expect(v.reason).toContain('地址缺失，按原址认定');
  });

  it('prefers the entry at the record’s place among equal names', () => {
    const twin = prepareLedgerIndex([
      { id: 'A', name: '宏达塑料厂', address: '中牟县白沙镇', countyCode: '410122', status: 'banned' },
      { id: 'B', name: '宏达塑料厂', address: '中牟县官渡镇小李村', countyCode: '410122', status: 'banned' },
    ]);
    const v = matchLedger(twin, at({ name: '宏达塑料厂', address: '官渡镇小李村' }));
    expect(v).toMatchObject({
      verdict: 'revived',
      match: { entry: { id: 'B' } },
      others: [{ entry: { id: 'A' } }],
    });
  });

  it('济源 is one city: its ledger rows and records carry 419001', () => {
    const jy = prepareLedgerIndex([
      {
        id: 'J',
        name: '济源市宏达塑料厂',
        address: '济源市五龙口镇',
        countyCode: '419001',
        status: 'closed',
      },
    ]);
    expect(
      matchLedger(jy, at({ name: '宏达塑料厂', address: '五龙口镇', countyCode: '419001' })).verdict,
    ).toBe('revived');
  });
});

describe('near-miss names in a crowded city ledger', () => {
  // The entries under test among 2,000 others (trade names from characters the cases never use).
  const filler = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉';
  const kinds = ['塑料制品厂', '木业有限公司', '铸造厂', '石材加工厂', '机械有限公司', '彩钢门市部'];
  const rows: LedgerEntry[] = Array.from({ length: 2000 }, (_, i) => ({
    id: `F${i}`,
    name: `${filler[i % 20]}${filler[Math.floor(i / 20) % 20]}${filler[(i * 7) % 20]}${kinds[i % kinds.length]}`,
    address: `中牟县${['官渡镇', '白沙镇', '刘集镇', '韩寺镇'][i % 4]}${filler[(i * 3) % 20]}${filler[i % 20]}村${i}号`,
    countyCode: '410122',
    status: 'banned',
  }));
  const crowded = prepareLedgerIndex(
    [
      ...rows.slice(0, 1000),
      {
        id: 'N1',
        name: '中牟县宏达塑料制品厂',
        address: '中牟县官渡镇小李村东200米',
        countyCode: '410122',
        status: 'banned',
      },
      {
        id: 'N2',
        name: '郑州华润达铸造有限公司',
        address: '中牟县刘集镇大孟村',
        countyCode: '410122',
        status: 'closed',
      },
      {
        id: 'N3',
        name: '金鹏华茂永机械有限公司',
        address: '中牟县白沙镇建设路18号',
        countyCode: '410122',
        status: 'banned',
      },
      { id: 'N4', name: '恒昌彩钢厂', address: '中牟县韩寺镇', countyCode: '410122', status: 'closed' },
      { id: 'N5', name: '豫兴瑞丰石材厂', address: '中牟县刘集镇', countyCode: '410122', status: 'banned' },
      ...rows.slice(1000),
    ],
    { knownPlaces: ['中牟县', '中牟', '金水区', '金水'] },
  );
  const check = (name: string, address: string, countyCode = '410122') => {
    const record = at({ name, address, countyCode });
    const v = matchLedger(crowded, record);
    expect(v).toEqual(matchLedgerExhaustive(crowded, record));
    return v;
  };

  it.each([
    ['宏达塑料门市部', '官渡镇小李村', 'N1', 'revived', '门市部 for 厂'],
    [
      '河南宏达（郑州）塑料制品股份有限公司',
      '官渡镇小李村东200米',
      'N1',
      'revived',
      'province, bracket, legal form',
    ],
    [
      '宏大塑料制品厂',
      '官渡镇小李村东200米',
      'N1',
      'revived',
      'one slip in a two-character trade name, same place',
    ],
    ['达宏塑料制品厂', '官渡镇小李村东200米', 'N1', 'revived', 'two characters swapped, same place'],
    ['华润铸造厂', '姚家镇', 'N2', 'relocated', 'a character dropped from a three-character trade name'],
    ['润华达铸造厂', '姚家镇', 'N2', 'relocated', 'swapped in a three-character trade name'],
    ['金朋华茂水机械厂', '白沙镇建设路18号', 'N3', 'revived', 'two slips in a five-character trade name'],
    ['恒昌彩钢门店', '韩寺镇', 'N4', 'revived', '门店 for 厂'],
  ])('%s at %s is %s (%s)', (name, address, id, verdict) => {
    expect(check(name, address)).toMatchObject({ verdict, match: { entry: { id } } });
  });

  it.each([
    ['宏达木业厂', '官渡镇小李村东200米', '410122', 'same trade name, another industry'],
    ['华新发铸造厂', '姚家镇', '410122', 'two slips in a three-character trade name'],
    ['豫星瑞风石材厂', '刘集镇', '410122', 'two slips in a four-character trade name'],
    ['宏达鑫源塑料厂', '庙李镇', '410105', 'two characters more than a two-character trade name'],
    ['无名塑料加工点', '庙李镇', '410105', 'no trade name at all'],
    ['宏大塑料制品厂', '庙李镇', '410105', 'one slip in a two-character trade name, elsewhere'],
    ['金朋华茂水机械厂', '庙李镇', '410105', 'two slips in a five-character trade name, elsewhere'],
  ])('%s at %s is not matched (%s)', (name, address, countyCode) => {
    expect(check(name, address, countyCode)).toMatchObject({ verdict: 'new', match: null });
  });
});
