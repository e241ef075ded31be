import { JIYUAN_DIVISION_CODE } from '../divisions.ts';

/**
 * The campaign exactly as 附件3《暗访核查工作方案》 and its 附件1《暗访核查人员分组》 define it.
 * Seeded on first start; the command group may later move dates and edit group rows.
 */

/** Liaison units named in 附件1. */
export const LIAISON_UNITS = ['省生态环境监控中心', '省生态环境执法监督局'] as const;
export type LiaisonUnit = (typeof LIAISON_UNITS)[number];

export interface PlanDispatchingCity {
  code: string;
  headcount: number;
  /** The group leader comes from this city (开封 group: 济源; 焦作 group: 鹤壁). */
  providesLeader: boolean;
}

export interface PlanGroup {
  number: number;
  stationedCityCode: string;
  dispatchingCities: PlanDispatchingCity[];
  /** Headcount including the leader, excluding the provincial liaison. */
  headcount: number;
  teamCount: number;
  dataDeskCount: number;
  liaisonCount: number;
  liaisonUnit: LiaisonUnit;
}

export interface PlanCampaign {
  name: string;
  startDate: string;
  endDate: string;
  timezone: string;
  /** Campaign settings (JSON-able); absent = the plan's numbers. */
  settings?: Record<string, unknown>;
  rounds: { number: number; startDate: string; endDate: string }[];
  groups: PlanGroup[];
}

const MON = '省生态环境监控中心' as const;
const ENF = '省生态环境执法监督局' as const;

function g(
  number: number,
  stationedCityCode: string,
  from: [code: string, headcount: number][],
  teamCount: number,
  liaisonUnit: PlanGroup['liaisonUnit'],
  dataDeskCount = 0,
): PlanGroup {
  return {
    number,
    stationedCityCode,
    dispatchingCities: from.map(([code, headcount], i) => ({ code, headcount, providesLeader: i === 0 })),
    headcount: from.reduce((s, [, n]) => s + n, 0),
    teamCount,
    dataDeskCount,
    liaisonCount: 1,
    liaisonUnit,
  };
}

export const PLAN_2020: PlanCampaign = {
  name: '2020年秋冬季暗访核查',
  startDate: '2020-10-19',
  endDate: '2020-12-31',
  timezone: 'Asia/Shanghai',
  rounds: [
    { number: 1, startDate: '2020-10-19', endDate: '2020-11-05' },
    { number: 2, startDate: '2020-11-06', endDate: '2020-11-23' },
    { number: 3, startDate: '2020-11-24', endDate: '2020-12-12' },
    { number: 4, startDate: '2020-12-13', endDate: '2020-12-31' },
  ],
  groups: [
    g(1, '4101', [['4112', 16]], 8, MON), // 郑州 ← 三门峡
    g(
      2,
      '4102',
      [
        [JIYUAN_DIVISION_CODE, 6],
        ['4109', 8],
      ],
      7,
      ENF,
    ), // 开封 ← 济源 6（含组长）+ 濮阳 8
    g(3, '4103', [['4101', 16]], 8, ENF), // 洛阳 ← 郑州
    g(4, '4104', [['4113', 13]], 6, ENF, 1), // 平顶山 ← 南阳，1名组员到资料调度组
    g(5, '4105', [['4102', 16]], 8, MON), // 安阳 ← 开封
    g(6, '4106', [['4109', 8]], 4, MON), // 鹤壁 ← 濮阳
    g(7, '4107', [['4108', 16]], 8, ENF), // 新乡 ← 焦作
    g(
      8,
      '4108',
      [
        ['4106', 8],
        ['4105', 8],
      ],
      8,
      ENF,
    ), // 焦作 ← 鹤壁 8（含组长）+ 安阳 8
    g(9, '4109', [['4107', 16]], 8, MON), // 濮阳 ← 新乡
    g(10, '4110', [['4104', 12]], 6, ENF), // 许昌 ← 平顶山
    g(11, '4111', [['4116', 12]], 6, ENF), // 漯河 ← 周口
    g(12, '4112', [['4103', 16]], 8, ENF), // 三门峡 ← 洛阳
    g(13, '4113', [['4115', 12]], 6, MON), // 南阳 ← 信阳
    g(14, '4114', [['4111', 12]], 6, MON), // 商丘 ← 漯河
    g(15, '4115', [['4117', 13]], 6, MON, 1), // 信阳 ← 驻马店，1名组员到资料调度组
    g(16, '4116', [['4114', 12]], 6, MON), // 周口 ← 商丘
    g(17, '4117', [['4110', 12]], 6, ENF), // 驻马店 ← 许昌
    g(18, JIYUAN_DIVISION_CODE, [['4105', 8]], 4, ENF), // 济源 ← 安阳
  ],
};
