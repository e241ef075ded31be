import type { CategoryCode, Outcome, Source } from '@ancha/core';

export interface DemoVisit {
  site: string;
  category: CategoryCode;
  subtype?: string;
  outcome: Outcome;
  source?: Source;
  problems?: string[];
  notes?: string;
  /** Evidence photos to attach (one generated image per caption). */
  photos?: string[];
  /** Done minutes ago rather than earlier in the day. */
  recent?: boolean;
  /** The pushed task this record verifies (the demo's checklist item or 12369 clue). */
  closes?: 'checklist' | 'clue';
}

const ok = (site: string, category: CategoryCode, subtype?: string): DemoVisit => ({
  site,
  category,
  subtype,
  outcome: 'no_problem',
});

/** What each demo team has done so far today, keyed `group-team`. */
export const DEMO_DAY: Record<string, DemoVisit[]> = {
  '1-1': [
    ok('郑州鑫源建材有限公司', 'dust', 'yard'),
    ok('郑州华美塑料制品厂', 'scattered_polluting', 'revived'),
    {
      site: '中原区西四环物料堆场',
      category: 'dust',
      subtype: 'yard',
      outcome: 'fixed_on_spot',
      problems: ['部分砂石料未苫盖，已要求现场苫盖完毕'],
      photos: ['苫盖后'],
    },
    ok('郑州永盛混凝土有限公司', 'dust', 'yard'),
    ok('二七区老味道饭店', 'loose_coal', 'restaurant'),
    {
      site: '郑州宏达铸造有限公司',
      category: 'key_area',
      outcome: 'suspected_violation',
      problems: [
        '该公司中频炉熔炼工序废气收集设施未运行，熔炼烟尘经车间天窗无组织排放；现场未能提供近三个月废气治理设施运行台账，涉嫌违反《大气污染防治法》第四十八条。',
      ],
      notes: '企业负责人在场，已对车间、除尘器及排放口拍照取证。',
      photos: ['车间天窗冒烟', '除尘器未运行', '排放口'],
      recent: true,
    },
  ],
  '1-2': [
    ok('巩义市金岭耐火材料厂', 'key_area'),
    ok('新郑市龙湖家具有限公司', 'key_area'),
    ok('郑州东明热电有限公司', 'pollution_alert', 'light_alert'),
    ok('郑州永盛混凝土有限公司', 'dust', 'yard'),
    ok('郑州华美塑料制品厂', 'scattered_polluting', 'new_found'),
    ok('金水区北三环道路改造项目工地', 'dust', 'construction_site'),
    ok('中牟县官渡浴池', 'loose_coal', 'bath_house'),
    {
      site: '中原区西四环物料堆场',
      category: 'mobile_source',
      subtype: 'non_road_machinery',
      outcome: 'needs_rectification',
      problems: ['场内2台装载机未进行非道路移动机械编码登记，冒黑烟'],
      photos: ['装载机冒黑烟'],
    },
  ],
  '1-3': [
    { ...ok('郑州宏达铸造有限公司', 'province_checklist'), source: 'checklist', closes: 'checklist' },
    {
      site: '郑州东明热电有限公司',
      category: 'hotline_12369',
      outcome: 'needs_rectification',
      source: 'hotline',
      problems: ['脱硝设施氨水储罐液位计损坏，夜间喷氨量不足，烟气颜色偏黄'],
      closes: 'clue',
    },
  ],
  '2-1': [
    ok('开封市恒通化工有限公司', 'key_area'),
    ok('开封鼎盛机械制造有限公司', 'key_area'),
    {
      site: '龙亭区金明大道道路施工工地',
      category: 'dust',
      subtype: 'construction_site',
      outcome: 'needs_rectification',
      problems: ['工地出入口未设置车辆冲洗设施，渣土车带泥上路'],
      photos: ['出入口路面'],
    },
    {
      site: '通许县建筑垃圾消纳场',
      category: 'dust',
      subtype: 'yard',
      outcome: 'fixed_on_spot',
      problems: ['消纳场出入口道路积尘，已要求立即清扫洒水'],
    },
    ok('尉氏县宏图纺织有限公司', 'scattered_polluting', 'relocated'),
  ],
  '2-2': [ok('兰考县鑫达木业有限公司', 'key_area'), ok('杞县城关镇砖瓦厂', 'loose_coal', 'small_boiler')],
};
