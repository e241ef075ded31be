import { addDays, creditCodeCheckChar, PLAN_2020, type PlanCampaign, type SiteKind } from '@ancha/core';

/**
 * The demo: a campaign shaped exactly like the plan's, dated so that today is the fifth day
 * of its first round, with two groups at work. Names are invented; places are real counties.
 */
export const DEMO_CAMPAIGN_PREFIX = '演示：秋冬季暗访核查';

export function demoPlan(today: string): PlanCampaign {
  const start = addDays(today, -4);
  const shift = (d: string) =>
    addDays(start, Math.round((Date.parse(d) - Date.parse(PLAN_2020.startDate)) / 86_400_000));
  return {
    ...PLAN_2020,
    name: `${DEMO_CAMPAIGN_PREFIX}（${start}起）`,
    startDate: start,
    endDate: shift(PLAN_2020.endDate),
    rounds: PLAN_2020.rounds.map((r) => ({ ...r, startDate: shift(r.startDate), endDate: shift(r.endDate) })),
  };
}

export interface DemoPerson {
  key: string;
  name: string;
  home: string;
  unit: string;
  position: string;
  role: 'leader' | 'member' | 'liaison';
}

export const DEMO_PEOPLE: Record<1 | 2, DemoPerson[]> = {
  // Group 1 is stationed in 郑州, staffed by 三门峡.
  1: [
    {
      key: 'g1-leader',
      name: '王建国',
      home: '411202',
      unit: '三门峡市生态环境局',
      position: '副局长',
      role: 'leader',
    },
    {
      key: 'g1-a',
      name: '李明',
      home: '411202',
      unit: '三门峡市生态环境综合行政执法支队',
      position: '科员',
      role: 'member',
    },
    {
      key: 'g1-b',
      name: '张伟',
      home: '411221',
      unit: '渑池县生态环境综合行政执法大队',
      position: '中队长',
      role: 'member',
    },
    {
      key: 'g1-c',
      name: '刘洋',
      home: '411202',
      unit: '三门峡市生态环境综合行政执法支队',
      position: '科员',
      role: 'member',
    },
    {
      key: 'g1-d',
      name: '陈静',
      home: '411224',
      unit: '卢氏县生态环境综合行政执法大队',
      position: '副中队长',
      role: 'member',
    },
    {
      key: 'g1-e',
      name: '杨帆',
      home: '411202',
      unit: '三门峡市生态环境综合行政执法支队',
      position: '副支队长',
      role: 'member',
    },
    {
      key: 'g1-liaison',
      name: '赵磊',
      home: '41',
      unit: '省生态环境监控中心',
      position: '工程师',
      role: 'liaison',
    },
  ],
  // Group 2 is stationed in 开封, staffed by 济源 (leader) and 濮阳.
  2: [
    {
      key: 'g2-leader',
      name: '孙志强',
      home: '419001',
      unit: '济源市生态环境局',
      position: '支队长',
      role: 'leader',
    },
    {
      key: 'g2-a',
      name: '周杰',
      home: '419001',
      unit: '济源市生态环境综合行政执法支队',
      position: '科员',
      role: 'member',
    },
    {
      key: 'g2-b',
      name: '吴婷',
      home: '410902',
      unit: '濮阳市生态环境综合行政执法支队',
      position: '科员',
      role: 'member',
    },
    {
      key: 'g2-c',
      name: '郑浩',
      home: '410922',
      unit: '清丰县生态环境综合行政执法大队',
      position: '中队长',
      role: 'member',
    },
  ],
};

/** Teams per group: [number, member keys, recorder serial]. */
export const DEMO_TEAMS: Record<1 | 2, [number, [string, string], string][]> = {
  1: [
    [1, ['g1-a', 'g1-b'], 'DSJ-SMX-0101'],
    [2, ['g1-c', 'g1-d'], 'DSJ-SMX-0102'],
    [3, ['g1-leader', 'g1-e'], 'DSJ-SMX-0103'],
  ],
  2: [
    [1, ['g2-a', 'g2-b'], 'DSJ-JY-0201'],
    [2, ['g2-leader', 'g2-c'], 'DSJ-JY-0202'],
  ],
};

/** Demo accounts: username → display name, roles (filled with ids at seed time) and linked person. */
export const DEMO_ACCOUNTS = [
  {
    username: 'demo-command',
    displayName: '省厅指挥调度组（演示）',
    role: 'command',
    group: null,
    person: null,
  },
  {
    username: 'demo-liaison',
    displayName: '赵磊（联络员）',
    role: 'liaison',
    group: 1,
    person: 'g1-liaison',
  },
  { username: 'demo-leader', displayName: '王建国（组长）', role: 'leader', group: 1, person: 'g1-leader' },
  { username: 'demo-inspector', displayName: '李明（组员）', role: 'inspector', group: 1, person: 'g1-a' },
  { username: 'demo-inspector2', displayName: '周杰（组员）', role: 'inspector', group: 2, person: 'g2-a' },
  { username: 'demo-leader2', displayName: '孙志强（组长）', role: 'leader', group: 2, person: 'g2-leader' },
  {
    username: 'demo-bureau',
    displayName: '郑州市金水区生态环境分局（演示）',
    role: 'bureau',
    group: null,
    person: null,
  },
] as const;

/** Whose phone each demo team's records come from: a member's account, or the group's leader or liaison. */
export const DEMO_RECORDER: Record<string, string> = {
  '1-1': 'demo-inspector',
  '1-2': 'demo-liaison',
  '1-3': 'demo-leader',
  '2-1': 'demo-inspector2',
  '2-2': 'demo-leader2',
};

/** The county of 郑州 whose bureau demo-bureau speaks for. */
export const DEMO_BUREAU_COUNTY = '410105';

export interface DemoSite {
  name: string;
  kind: SiteKind;
  county: string;
  address: string;
  lat: number;
  lng: number;
}

const ZZ: DemoSite[] = [
  {
    name: '郑州宏达铸造有限公司',
    kind: 'industrial',
    county: '410105',
    address: '金水区杨金路与博学路交叉口北200米',
    lat: 34.8312,
    lng: 113.7421,
  },
  {
    name: '郑州鑫源建材有限公司',
    kind: 'industrial',
    county: '410122',
    address: '中牟县官渡镇工业园区',
    lat: 34.7189,
    lng: 113.9735,
  },
  {
    name: '郑州华美塑料制品厂',
    kind: 'industrial',
    county: '410103',
    address: '二七区马寨镇工业路18号',
    lat: 34.6721,
    lng: 113.5468,
  },
  {
    name: '郑州永盛混凝土有限公司',
    kind: 'industrial',
    county: '410102',
    address: '中原区须水镇西岗村',
    lat: 34.7635,
    lng: 113.5502,
  },
  {
    name: '巩义市金岭耐火材料厂',
    kind: 'industrial',
    county: '410181',
    address: '巩义市北山口镇',
    lat: 34.7322,
    lng: 113.0935,
  },
  {
    name: '新郑市龙湖家具有限公司',
    kind: 'industrial',
    county: '410184',
    address: '新郑市龙湖镇107国道东侧',
    lat: 34.6285,
    lng: 113.7189,
  },
  {
    name: '郑州东明热电有限公司',
    kind: 'industrial',
    county: '410105',
    address: '金水区东明路北段',
    lat: 34.7893,
    lng: 113.6891,
  },
  {
    name: '金水区北三环道路改造项目工地',
    kind: 'construction_site',
    county: '410105',
    address: '北三环与文化路交叉口',
    lat: 34.8021,
    lng: 113.6543,
  },
  {
    name: '中原区西四环物料堆场',
    kind: 'yard',
    county: '410102',
    address: '西四环与陇海路交叉口西南',
    lat: 34.7412,
    lng: 113.5589,
  },
  {
    name: '二七区老味道饭店',
    kind: 'restaurant',
    county: '410103',
    address: '二七区大学路86号',
    lat: 34.7345,
    lng: 113.6412,
  },
  {
    name: '中牟县官渡浴池',
    kind: 'bath_house',
    county: '410122',
    address: '中牟县官渡镇中心街',
    lat: 34.7201,
    lng: 113.9702,
  },
];

const KF: DemoSite[] = [
  {
    name: '开封市恒通化工有限公司',
    kind: 'industrial',
    county: '410212',
    address: '祥符区精细化工产业园',
    lat: 34.7625,
    lng: 114.4412,
  },
  {
    name: '开封鼎盛机械制造有限公司',
    kind: 'industrial',
    county: '410205',
    address: '禹王台区汪屯乡',
    lat: 34.7714,
    lng: 114.3689,
  },
  {
    name: '尉氏县宏图纺织有限公司',
    kind: 'industrial',
    county: '410223',
    address: '尉氏县产业集聚区',
    lat: 34.4123,
    lng: 114.1934,
  },
  {
    name: '兰考县鑫达木业有限公司',
    kind: 'industrial',
    county: '410225',
    address: '兰考县堌阳镇',
    lat: 34.8512,
    lng: 114.8123,
  },
  {
    name: '杞县城关镇砖瓦厂',
    kind: 'industrial',
    county: '410221',
    address: '杞县城关镇北郊',
    lat: 34.5623,
    lng: 114.7834,
  },
  {
    name: '龙亭区金明大道道路施工工地',
    kind: 'construction_site',
    county: '410202',
    address: '金明大道与东京大道交叉口',
    lat: 34.8101,
    lng: 114.3012,
  },
  {
    name: '通许县建筑垃圾消纳场',
    kind: 'yard',
    county: '410222',
    address: '通许县四所楼镇',
    lat: 34.4812,
    lng: 114.4623,
  },
];

export const DEMO_SITES: Record<1 | 2, DemoSite[]> = { 1: ZZ, 2: KF };

/** A deterministic, check-digit-valid credit code for the n-th demo enterprise. */
export function demoCreditCode(n: number, cityPrefix: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = `91${cityPrefix}`;
  let x = n * 7919 + 104729;
  while (body.length < 17) {
    body += alphabet[x % 31];
    x = Math.floor(x / 31) + n * 31 + body.length * 17;
  }
  return body + creditCodeCheckChar(body);
}
