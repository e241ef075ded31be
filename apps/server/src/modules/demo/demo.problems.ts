import { rm, writeFile } from 'node:fs/promises';
import { addDays, type InspectionBody, type RoleBinding, type TransitionBody } from '@ancha/core';
import sharp from 'sharp';
import type { Actor, AppContext } from '../../context.ts';
import { newId } from '../../ids.ts';
import { attach } from '../attachments/attachments.service.ts';
import { createInspection } from '../inspections/inspections.service.ts';
import { hashFile } from '../media/photo.upload.ts';
import { getProblem, listProblems } from '../problems/problems.service.ts';
import { applyTransition } from '../problems/problems.transitions.ts';
import { listUsers } from '../users/users.service.ts';
import { DEMO_SITES } from './demo.data.ts';
import { attachDemoPhotos } from './demo.photos.ts';
import { type DemoStep, shanghaiAt } from './demo.timeline.ts';

const MINUTE = 60_000;

interface Caller {
  actor: Actor;
  roles: RoleBinding[];
  personId: string | null;
}

async function caller(ctx: AppContext, username: string): Promise<Caller> {
  const u = (await listUsers(ctx, { q: username, limit: 5 })).items.find((x) => x.username === username)!;
  return { actor: { userId: u.id, name: u.username }, roles: u.roles, personId: u.personId ?? null };
}

/**
 * One action on a scenario's problem: who, on which day after the finding and at what time;
 * `photo` is a picture the actor attaches first (the bureau's photo of the rectified site).
 */
type Step = {
  by: 'leader' | 'command' | 'bureau';
  day: number;
  time: string;
  body: TransitionBody;
  photo?: string;
};

interface Scenario {
  site: string;
  daysAgo: number;
  outcome: 'suspected_violation' | 'needs_rectification';
  description: string;
  /** Evidence photos taken at the visit (handed-over problems carry theirs into the 交办单). */
  photos?: string[];
  steps: Step[];
}

/** Problems in every state of the lifecycle, found on earlier days of the round. */
function scenarios(today: string): Scenario[] {
  const submit: Step = { by: 'leader', day: 0, time: '17:30', body: { action: 'submit' } };
  const approve: Step = { by: 'command', day: 1, time: '09:30', body: { action: 'approve' } };
  // Handed over on the day after the finding, due `days` later.
  const handTo = (daysAgo: number, county: string, days: number): Step => ({
    by: 'command',
    day: 1,
    time: '11:00',
    body: { action: 'hand_over', bureauDivisionCode: county, deadline: addDays(today, 1 - daysAgo + days) },
  });
  const receive: Step = { by: 'bureau', day: 1, time: '15:00', body: { action: 'receive' } };
  const filed: TransitionBody = {
    action: 'submit_feedback',
    investigation: '经现场核实，问题属实。',
    measures: '已下达责令改正违法行为决定书，企业已停产整改。',
    caseFiled: true,
    caseNumber: '郑金环罚〔2026〕021号',
    penaltyYuan: 80000,
  };
  const notFiled = (measures: string): TransitionBody => ({
    action: 'submit_feedback',
    investigation: '经现场核实，问题属实。',
    measures,
    caseFiled: false,
  });
  return [
    {
      site: '郑州东明热电有限公司',
      daysAgo: 3,
      outcome: 'suspected_violation',
      description: '脱硝设施喷氨系统停运，在线监测氮氧化物小时均值超标，涉嫌超标排放。',
      steps: [{ ...submit, body: { action: 'submit', proposeCaseFiling: true } }],
    },
    {
      site: '中原区西四环物料堆场',
      daysAgo: 3,
      outcome: 'needs_rectification',
      description: '堆场未建设围挡及喷淋设施，大风天气扬尘明显。',
      steps: [
        submit,
        {
          by: 'command',
          day: 1,
          time: '09:40',
          body: { action: 'return', reason: '请补充堆场全景照片和围挡缺失位置说明后再报。' },
        },
      ],
    },
    {
      site: '巩义市金岭耐火材料厂',
      daysAgo: 2,
      outcome: 'suspected_violation',
      description: '隧道窑烟气未经脱硫直接排放，现场未见脱硫设施运行记录。',
      steps: [
        { ...submit, body: { action: 'submit', proposeCaseFiling: true } },
        { ...approve, body: { action: 'approve', proposeCaseFiling: true } },
      ],
    },
    {
      site: '金水区北三环道路改造项目工地',
      daysAgo: 2,
      outcome: 'needs_rectification',
      description: '工地约3000平方米裸土未覆盖，出入口冲洗设施未使用。',
      photos: ['裸土未覆盖', '冲洗设施闲置'],
      steps: [submit, approve, handTo(2, '410105', 5)],
    },
    {
      site: '郑州东明热电有限公司',
      daysAgo: 2,
      outcome: 'needs_rectification',
      description: '煤场未全封闭，输煤廊道破损，存在扬尘。',
      photos: ['煤场'],
      steps: [submit, approve, handTo(2, '410105', 7), receive],
    },
    {
      site: '郑州宏达铸造有限公司',
      daysAgo: 3,
      outcome: 'suspected_violation',
      description: '砂处理工序布袋除尘器破损，粉尘无组织排放。',
      photos: ['除尘器破损', '车间粉尘'],
      steps: [
        submit,
        approve,
        handTo(3, '410105', 3),
        receive,
        { by: 'bureau', day: 2, time: '16:00', body: filed },
      ],
    },
    {
      // Overdue: handed over, signed for, and the deadline passed without an answer.
      site: '郑州宏达铸造有限公司',
      daysAgo: 4,
      outcome: 'needs_rectification',
      description: '危险废物暂存间未设置防渗漏措施，废机油桶露天堆放。',
      photos: ['废机油桶露天堆放'],
      steps: [submit, approve, handTo(4, '410105', 1), receive],
    },
    {
      site: '郑州东明热电有限公司',
      daysAgo: 4,
      outcome: 'needs_rectification',
      description: '灰库卸灰口未密闭，地面积灰。',
      photos: ['卸灰口'],
      steps: [
        submit,
        approve,
        handTo(4, '410105', 2),
        receive,
        {
          by: 'bureau',
          day: 2,
          time: '10:00',
          body: notFiled('已责令企业加装密闭罩并清扫积灰。'),
          photo: '卸灰口加装密闭罩后.jpg',
        },
        {
          by: 'leader',
          day: 3,
          time: '10:00',
          body: {
            action: 'follow_up',
            rectified: true,
            findings: '回头看：卸灰口已加装密闭罩，地面已清扫，整改到位。',
          },
        },
      ],
    },
    {
      site: '金水区北三环道路改造项目工地',
      daysAgo: 4,
      outcome: 'needs_rectification',
      description: '渣土车未密闭运输，带泥上路。',
      photos: ['渣土车未苫盖'],
      steps: [
        submit,
        approve,
        handTo(4, '410105', 1),
        receive,
        { by: 'bureau', day: 2, time: '10:30', body: notFiled('已约谈施工单位。') },
        {
          by: 'leader',
          day: 3,
          time: '10:30',
          body: {
            action: 'follow_up',
            rectified: false,
            findings: '回头看：仍有2辆渣土车未苫盖。',
            deadline: addDays(today, 4),
          },
        },
      ],
    },
    {
      // Overdue and never signed for, in another county (the command room sees it).
      site: '中牟县官渡浴池',
      daysAgo: 4,
      outcome: 'needs_rectification',
      description: '浴池仍使用燃煤锅炉，未完成清洁能源替代。',
      photos: ['燃煤锅炉'],
      steps: [submit, approve, handTo(4, '410122', 1)],
    },
  ];
}

/** The plan's category a finding at this kind of site belongs to. */
function categoryOf(kind: string): Pick<InspectionBody, 'category' | 'subtype'> {
  if (kind === 'construction_site') return { category: 'dust', subtype: 'construction_site' };
  if (kind === 'yard') return { category: 'dust', subtype: 'yard' };
  if (kind === 'bath_house') return { category: 'loose_coal', subtype: 'bath_house' };
  return { category: 'key_area', subtype: null };
}

/**
 * The scenarios as steps of the demo's history: each record made at its visit (with its
 * photos), each action at its own moment, all through the real services.
 */
export async function demoProblemSteps(
  ctx: AppContext,
  o: { teamId: string; siteId: Map<string, string>; today: string },
): Promise<DemoStep[]> {
  const callers = {
    leader: await caller(ctx, 'demo-leader'),
    command: await caller(ctx, 'demo-command'),
    bureau: await caller(ctx, 'demo-bureau'),
  };
  const recorder = await caller(ctx, 'demo-liaison');
  return scenarios(o.today).flatMap((s, i) => {
    const site = [...DEMO_SITES[1]].find((x) => x.name === s.site)!;
    const found = addDays(o.today, -s.daysAgo);
    const startedAt = shanghaiAt(found, `10:${String(10 + i * 4).padStart(2, '0')}`);
    let problemId = '';
    const record: DemoStep = {
      at: new Date(startedAt.getTime() + 10 * MINUTE),
      async run(c) {
        const body: InspectionBody = {
          id: newId(),
          teamId: o.teamId,
          siteId: o.siteId.get(s.site)!,
          startedAt: startedAt.toISOString(),
          ...categoryOf(site.kind),
          mode: 'concentrated',
          source: 'own',
          sourceRef: null,
          position: { lat: site.lat, lng: site.lng, accuracy: 10 },
          outcome: s.outcome,
          problems: [{ description: s.description }],
          notes: '',
        };
        const { inspection } = await createInspection(c, recorder.actor, recorder, body);
        if (s.photos)
          await attachDemoPhotos(c, recorder.actor, recorder, inspection.id, s.photos, startedAt, site);
        problemId = (await listProblems(c, { q: s.description, limit: 5 }, callers.command.roles)).items.find(
          (p) => p.inspectionId === inspection.id,
        )!.id;
      },
    };
    return [
      record,
      ...s.steps.map(
        (step): DemoStep => ({
          at: shanghaiAt(addDays(found, step.day), step.time),
          async run(c) {
            const who = callers[step.by];
            if (step.photo) {
              const p = await getProblem(c, problemId, who.roles);
              const handoverId = p.handover?.id ?? null;
              await attachDrawnPhoto(
                c,
                who.actor,
                { problemId, handoverId, purpose: 'feedback' },
                step.photo,
              );
            }
            await applyTransition(c, { actor: who.actor, roles: who.roles }, problemId, step.body);
          },
        }),
      ),
    ];
  });
}

/** A drawn photo of a tidied site, attached through the same pipeline an upload takes. */
async function attachDrawnPhoto(
  ctx: AppContext,
  actor: Actor,
  to: Parameters<typeof attach>[2],
  name: string,
) {
  const file = ctx.media.store.tempFile();
  try {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="960"><rect width="1280" height="960" fill="#b7c9a8"/><rect y="520" width="1280" height="440" fill="#6e6a5a"/><path d="M200 520 L520 300 L840 520 Z" fill="#2f6b3a"/><path d="M700 520 L960 340 L1220 520 Z" fill="#2f6b3a"/></svg>`;
    await writeFile(file, await sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer());
    const { sha256, size } = await hashFile(file);
    await attach(ctx, actor, to, { sha256, size, mime: 'image/jpeg', name, tempFile: file });
  } finally {
    await rm(file, { force: true });
  }
}

/** The morning's on-the-spot fix gets its after-photo and is closed (立行立改). */
export async function fixOnTheSpot(ctx: AppContext) {
  const leader = await caller(ctx, 'demo-leader');
  const open = (
    await listProblems(ctx, { state: 'open', kind: 'management', limit: 20 }, leader.roles)
  ).items.find((p) => p.site.name === '中原区西四环物料堆场');
  if (!open) return;
  await attachDrawnPhoto(
    ctx,
    leader.actor,
    { problemId: open.id, handoverId: null, purpose: 'after_photo' },
    '苫盖后.jpg',
  );
  await applyTransition(ctx, { actor: leader.actor, roles: leader.roles }, open.id, {
    action: 'confirm_fixed',
    note: '砂石料已全部苫盖。',
  });
}
