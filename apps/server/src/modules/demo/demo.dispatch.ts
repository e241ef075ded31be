import { addDays, shanghaiDayStart } from '@ancha/core';
import type { Actor, AppContext } from '../../context.ts';
import { issueAlert } from '../dispatch/alerts.service.ts';
import { importChecklist } from '../dispatch/checklists.service.ts';
import { createClue } from '../dispatch/clues.service.ts';
import { acknowledgeInstruction, issueInstruction } from '../dispatch/instructions.service.ts';
import { importLedger } from '../ledgers/ledgers.service.ts';
import { confirmAreas, importRanking, proposal } from '../priority/priority.service.ts';
import { openTasksFor } from '../tasks/tasks.service.ts';
import { listUsers } from '../users/users.service.ts';
import { type DemoStep, shanghaiAt } from './demo.timeline.ts';

/**
 * The demo's command and dispatch: 郑州's 散乱污 ledger and the county PM2.5 ranking on the
 * first morning, then over the days an alert, two instructions (one confirmed by both groups,
 * one still waiting), a pushed checklist (one item overdue, one closed by today's record) and
 * two 12369 clues (the second a repeat proposed for merging; the first verified today). All of
 * it through the services the API uses, each step at its own moment.
 */

const MINUTE = 60_000;
const file = (name: string) => ({ name, sha256: '0'.repeat(64), bytes: 0 });

async function accountOf(ctx: AppContext, username: string) {
  const u = (await listUsers(ctx, { q: username, limit: 5 })).items.find((x) => x.username === username)!;
  return { actor: { userId: u.id, name: u.username } as Actor, name: u.displayName, roles: u.roles };
}

/** 郑州's ledger: the enterprises today's records find (revived, listed) and one banned workshop. */
const ZZ_LEDGER = [
  ['郑州华美塑料制品厂', '', '二七区马寨镇工业路18号', '二七区', '关停'],
  ['郑州鑫源建材有限公司', '', '中牟县官渡镇工业园区', '中牟县', '整治'],
  ['郑州宏达铸造有限公司', '', '金水区杨金路与博学路交叉口北200米', '金水区', '整治'],
  ['郑州永盛混凝土有限公司', '', '中原区须水镇西岗村', '中原区', '整治'],
  ['金水区顺发塑料颗粒加工点', '', '金水区庙李镇', '金水区', '取缔'],
] as const;

/** PM2.5 (μg/m³) of the two demo cities' counties in the fortnight before the campaign. */
const RANKING: [string, number][] = [
  ['410102', 68],
  ['410103', 71],
  ['410105', 63],
  ['410122', 82],
  ['410181', 77],
  ['410184', 74],
  ['410202', 66],
  ['410212', 79],
  ['410221', 85],
  ['410222', 72],
  ['410223', 80],
  ['410225', 69],
];

/** On the first morning, before any record: the ledger, the ranking and the counties confirmed. */
export async function setUpDemoLedgerAndAreas(ctx: AppContext, campaignStart: string) {
  const { actor } = await accountOf(ctx, 'demo-command');
  await importLedger(
    ctx,
    actor,
    '4101',
    ZZ_LEDGER.map(([name, creditCode, address, county, status], i) => ({
      row: i + 2,
      cells: { name, creditCode, address, county, status },
    })),
    file('郑州市散乱污企业台账.xlsx'),
  );
  const period = `${addDays(campaignStart, -15)}至${addDays(campaignStart, -1)}`;
  await importRanking(
    ctx,
    actor,
    RANKING.map(([countyCode, pm25], i) => ({ row: i + 2, cells: { countyCode, period, pm25 } })),
    file('区县PM2.5排名.xlsx'),
  );
  const proposed = await proposal(ctx, { period, count: 3 });
  await confirmAreas(ctx, actor, {
    period,
    countyCodes: proposed.proposals.map((p) => p.countyCode),
    note: '按PM2.5浓度排名后三位开展集中暗查',
  });
}

/** What today's records of team 1-3 close: filled in when the checklist and clues are pushed. */
export interface DemoDispatchRefs {
  checklistTaskId?: string;
  clueTaskId?: string;
}

export function demoDispatchSteps(
  campaignId: string,
  groupId: Record<1 | 2, string>,
  today: string,
  now: number,
  refs: DemoDispatchRefs,
): DemoStep[] {
  const yesterday = addDays(today, -1);
  const threeDaysAgo = addDays(today, -3);
  // Today's unconfirmed instruction went out a while ago, but never before midnight.
  const todayIssue = new Date(Math.max(shanghaiDayStart(today).getTime() + MINUTE, now - 45 * MINUTE));
  let confirmed = '';
  return [
    {
      at: shanghaiAt(threeDaysAgo, '09:30'),
      async run(ctx) {
        const { actor } = await accountOf(ctx, 'demo-command');
        const items = [
          [
            '郑州宏达铸造有限公司',
            '',
            '金水区',
            '群众反映中频炉熔炼烟尘无组织排放',
            '信访举报',
            addDays(today, 3),
          ],
          ['', '中牟县官渡镇大李村北', '中牟县', '卫星遥感发现疑似露天焚烧点', '卫星遥感', yesterday],
        ];
        const { batchId } = await importChecklist(
          ctx,
          actor,
          { campaignId, cityCode: '4101' },
          items.map(([siteName, address, county, reason, source, dueDate], i) => ({
            row: i + 2,
            cells: { siteName, address, county, reason, source, dueDate },
          })),
          file('省厅推送清单.xlsx'),
        );
        const item = await ctx.db
          .selectFrom('checklist_items')
          .select('id')
          .where('batch_id', '=', batchId)
          .where('site_name', '=', '郑州宏达铸造有限公司')
          .executeTakeFirstOrThrow();
        refs.checklistTaskId = (await openTasksFor(ctx, 'checklist', [item.id])).get(item.id)!.id;
      },
    },
    {
      at: shanghaiAt(threeDaysAgo, '10:15'),
      async run(ctx) {
        const { actor } = await accountOf(ctx, 'demo-command');
        const first = await createClue(ctx, actor, {
          campaignId,
          number: 'HN12369-0001',
          receivedAt: shanghaiAt(threeDaysAgo, '08:40').toISOString(),
          place: '金水区郑州东明热电有限公司',
          countyCode: '410105',
          content: '夜间烟囱冒黄烟，气味刺鼻，怀疑脱硝设施未运行',
          category: 'hotline_12369',
        });
        refs.clueTaskId = first.taskId ?? undefined;
        // The same complaint again from another caller: proposed for merging, left for command.
        await createClue(ctx, actor, {
          campaignId,
          number: 'HN12369-0002',
          receivedAt: shanghaiAt(threeDaysAgo, '09:55').toISOString(),
          place: '郑州市金水区东明热电有限公司',
          countyCode: '410105',
          content: '热电厂晚上排黄烟，周边小区能闻到刺鼻气味',
          category: 'hotline_12369',
        });
      },
    },
    {
      at: shanghaiAt(yesterday, '16:00'),
      async run(ctx) {
        const { actor, name } = await accountOf(ctx, 'demo-command');
        await issueAlert(ctx, actor, name, {
          campaignId,
          level: 'blue',
          areaKind: 'cities',
          areaCodes: ['4101'],
          startsAt: shanghaiAt(yesterday, '20:00').toISOString(),
          endsAt: shanghaiAt(addDays(today, 2), '20:00').toISOString(),
          note: '轻度污染过程，重点检查应急减排措施落实',
        });
      },
    },
    {
      at: shanghaiAt(yesterday, '17:00'),
      async run(ctx) {
        const { actor, name } = await accountOf(ctx, 'demo-command');
        const i = await issueInstruction(ctx, actor, name, {
          campaignId,
          kind: 'regional_concentrated',
          text: '明天起对中牟县、巩义市开展区域集中暗查，重点检查砂石料场、砖瓦窑',
          allGroups: false,
          groupIds: [groupId[1], groupId[2]],
          validFrom: today,
          validTo: addDays(today, 1),
          countyCodes: ['410122', '410181'],
          siteIds: [],
        });
        confirmed = i.id;
      },
    },
    ...(['demo-leader', 'demo-leader2'] as const).map((username, n) => ({
      at: shanghaiAt(yesterday, n === 0 ? '17:20' : '17:45'),
      async run(ctx: AppContext) {
        const who = await accountOf(ctx, username);
        await acknowledgeInstruction(ctx, who.actor, who, confirmed, undefined);
      },
    })),
    {
      at: todayIssue,
      async run(ctx) {
        const { actor, name } = await accountOf(ctx, 'demo-command');
        await issueInstruction(ctx, actor, name, {
          campaignId,
          kind: 'industry',
          text: '今日对辖区铸造企业开展行业暗查，重点查看错峰生产落实情况',
          allGroups: false,
          groupIds: [groupId[1]],
          validFrom: today,
          validTo: today,
          countyCodes: [],
          siteIds: [],
        });
      },
    },
  ];
}
