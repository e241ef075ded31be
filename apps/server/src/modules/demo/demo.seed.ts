import { type InspectionBody, type RoleBinding, shanghaiDate, shanghaiDayStart } from '@ancha/core';
import type { Actor, AppContext } from '../../context.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import {
  createCampaignFromPlan,
  demoCampaignCovering,
  groupRowsOfCampaign,
  roundRowsOf,
} from '../campaign/campaign.service.ts';
import { createInspection } from '../inspections/inspections.service.ts';
import { createPerson, listPeople } from '../people/people.service.ts';
import { addMembership } from '../people/roster.service.ts';
import { createSite, listSites } from '../sites/sites.service.ts';
import { createTeam } from '../teams/teams.service.ts';
import { createUser, listUsers, updateUser } from '../users/users.service.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_BUREAU_COUNTY,
  DEMO_PEOPLE,
  DEMO_RECORDER,
  DEMO_SITES,
  DEMO_TEAMS,
  type DemoSite,
  demoCreditCode,
  demoPlan,
} from './demo.data.ts';
import { DEMO_DAY, type DemoVisit } from './demo.day.ts';
import { type DemoDispatchRefs, demoDispatchSteps, setUpDemoLedgerAndAreas } from './demo.dispatch.ts';
import { attachDemoPhotos } from './demo.photos.ts';
import { demoProblemSteps, fixOnTheSpot } from './demo.problems.ts';
import { atTime, type DemoStep, runTimeline, shanghaiAt } from './demo.timeline.ts';

const DEMO_ACTOR: Actor = { userId: null, name: 'demo-seed' };
const MINUTE = 60_000;

export interface DemoReport {
  created: boolean;
  campaignId: string;
  inspections: number;
}

/**
 * Adds the demo campaign and a working day in progress, through the same services the API
 * uses, unless a demo campaign already covers today. Accounts are created once and re-bound
 * to the newest demo campaign's groups.
 *
 * All of it is one write (the services' writes join it): a failure part way — a full disk,
 * a crash — leaves no half-built demo that a later start would take for a whole one; that
 * start builds it again from nothing. Its last entry, `demo.seed`, marks it complete.
 */
export async function seedDemo(ctx: AppContext, password: string): Promise<DemoReport> {
  const today = shanghaiDate(ctx.now());
  const existing = await demoCampaignCovering(ctx, today);
  if (existing) return { created: false, campaignId: existing.id, inspections: 0 };
  return audited(ctx, DEMO_ACTOR, async (w) => {
    const plan = demoPlan(today);
    // Set up on the round's first morning, as a real campaign would be.
    const setup = atTime(w.ctx, shanghaiAt(plan.startDate, '08:00'));
    const ids = await setUp(setup, plan, password);
    await setUpDemoLedgerAndAreas(setup, plan.startDate);
    const refs: DemoDispatchRefs = {};
    const dispatch = demoDispatchSteps(ids.campaignId, ids.groupId, today, ctx.now().getTime(), refs);
    const problems = await demoProblemSteps(setup, {
      teamId: ids.teamId.get('1-2')!,
      siteId: ids.siteId,
      today,
    });
    const day = await dayOfWork(setup, ids, ctx.now().getTime(), refs);
    await runTimeline(w.ctx, [...problems, ...dispatch, ...day.steps]);
    await w.audit({
      action: 'demo.seed',
      entity: 'campaign',
      entityId: ids.campaignId,
      data: { name: plan.name, inspectionsToday: day.count },
    });
    return { created: true, campaignId: ids.campaignId, inspections: day.count };
  });
}

interface DemoIds {
  campaignId: string;
  groupId: Record<1 | 2, string>;
  teamId: Map<string, string>;
  siteId: Map<string, string>;
  personId: Map<string, string>;
}

/** The campaign, its roster and teams for the first round, the accounts and the sites. */
async function setUp(ctx: AppContext, plan: ReturnType<typeof demoPlan>, password: string): Promise<DemoIds> {
  const campaignId = await audited(ctx, DEMO_ACTOR, (w) => createCampaignFromPlan(w, plan, { isDemo: true }));
  const round = (await roundRowsOf(ctx, campaignId))[0]!;
  const groups = new Map((await groupRowsOfCampaign(ctx, campaignId)).map((g) => [g.number, g.id]));
  const groupId = { 1: groups.get(1)!, 2: groups.get(2)! } as const;
  const personId = new Map<string, string>();
  let phone = 13900000000;
  for (const g of [1, 2] as const) {
    for (const p of DEMO_PEOPLE[g]) {
      phone++;
      const found = (await listPeople(ctx, { all: true }, { q: String(phone), limit: 1 })).items[0];
      const id =
        found?.id ??
        (
          await createPerson(ctx, DEMO_ACTOR, {
            name: p.name,
            homeDivisionCode: p.home,
            unit: p.unit,
            position: p.position,
            certNumber: p.role === 'liaison' ? null : `豫环执${String(phone).slice(-6)}`,
            certValidUntil: p.role === 'liaison' ? null : '2028-12-31',
            phone: String(phone),
          })
        ).id;
      personId.set(p.key, id);
      await addMembership(ctx, DEMO_ACTOR, round.id, { personId: id, groupId: groupId[g], role: p.role });
    }
  }

  const teamId = new Map<string, string>();
  for (const g of [1, 2] as const) {
    for (const [number, [a, b], recorder] of DEMO_TEAMS[g]) {
      const team = await createTeam(ctx, DEMO_ACTOR, [{ role: 'command' }], {
        roundId: round.id,
        groupId: groupId[g],
        number,
        memberIds: [personId.get(a)!, personId.get(b)!],
        recorderSerial: recorder,
      });
      teamId.set(`${g}-${number}`, team.id);
    }
  }

  await upsertAccounts(ctx, password, groupId, personId);

  const siteId = new Map<string, string>();
  let n = 0;
  for (const g of [1, 2] as const) {
    for (const s of DEMO_SITES[g])
      siteId.set(s.name, await ensureSite(ctx, s, ++n, g === 1 ? '410100' : '410200'));
  }

  return { campaignId, groupId, teamId, siteId, personId };
}

async function upsertAccounts(
  ctx: AppContext,
  password: string,
  groupId: Record<1 | 2, string>,
  personId: Map<string, string>,
) {
  for (const a of DEMO_ACCOUNTS) {
    const role: RoleBinding =
      a.role === 'bureau'
        ? { role: 'bureau', divisionCode: DEMO_BUREAU_COUNTY }
        : a.group
          ? { role: a.role, groupId: groupId[a.group] }
          : { role: a.role };
    // A leader also works in a team (16 people, 8 teams: the leader is one of them).
    const roles: RoleBinding[] =
      a.role === 'leader' && a.group ? [role, { role: 'inspector', groupId: groupId[a.group] }] : [role];
    const person = a.person ? personId.get(a.person)! : undefined;
    const found = (await listUsers(ctx, { q: a.username, limit: 5 })).items.find(
      (u) => u.username === a.username,
    );
    if (found) await updateUser(ctx, DEMO_ACTOR, found.id, { roles, personId: person ?? null, password });
    else
      await createUser(ctx, DEMO_ACTOR, {
        username: a.username,
        password,
        displayName: a.displayName,
        roles,
        personId: person,
      });
  }
}

async function ensureSite(ctx: AppContext, s: DemoSite, n: number, cityPrefix: string): Promise<string> {
  const found = (await listSites(ctx, { q: s.name, limit: 5 }, { all: true })).items.find(
    (x) => x.name === s.name,
  );
  if (found) return found.id;
  const { site } = await createSite(
    ctx,
    DEMO_ACTOR,
    { all: true },
    {
      name: s.name,
      kind: s.kind,
      creditCode:
        s.kind === 'industrial' || s.kind === 'restaurant' || s.kind === 'bath_house'
          ? demoCreditCode(n, cityPrefix)
          : null,
      address: s.address,
      divisionCode: s.county,
      lat: s.lat,
      lng: s.lng,
      confirmNew: true,
    },
  );
  return site.id;
}

/**
 * Today's records, spread over the hours already worked so nothing lies in the future, each
 * posted a few minutes after its visit with its photos; then the on-the-spot fix is closed.
 */
async function dayOfWork(
  ctx: AppContext,
  ids: DemoIds,
  now: number,
  refs: DemoDispatchRefs,
): Promise<{ steps: DemoStep[]; count: number }> {
  const dayStart = shanghaiDayStart(shanghaiDate(new Date(now))).getTime();
  const workStart = Math.max(
    dayStart + 5 * MINUTE,
    Math.min(now - 6 * 60 * MINUTE, dayStart + 8.5 * 60 * MINUTE),
  );
  const steps: DemoStep[] = [];
  let fixedAt = 0;
  for (const [teamKey, visits] of Object.entries(DEMO_DAY)) {
    const [, number] = teamKey.split('-').map(Number) as [1 | 2, number];
    const recorder = (await listUsers(ctx, { q: DEMO_RECORDER[teamKey]!, limit: 5 })).items.find(
      (u) => u.username === DEMO_RECORDER[teamKey],
    )!;
    const who = { personId: recorder.personId ?? null, roles: recorder.roles };
    const actor: Actor = { userId: recorder.id, name: recorder.username };
    const step = Math.max(MINUTE, Math.min(40 * MINUTE, (now - workStart) / (visits.length + 1)));
    for (const [i, v] of visits.entries()) {
      // The suspected violation is the team's latest work: its evidence is posted on the spot.
      const startedAt = v.recent
        ? new Date(now - 12 * MINUTE)
        : new Date(workStart + (i + 1) * step - (number - 1) * 3 * MINUTE);
      const site = [...DEMO_SITES[1], ...DEMO_SITES[2]].find((x) => x.name === v.site)!;
      const postedAt = Math.min(now - MINUTE, startedAt.getTime() + 6 * MINUTE);
      if (v.outcome === 'fixed_on_spot' && teamKey === '1-1') fixedAt = postedAt;
      steps.push({
        at: new Date(postedAt),
        async run(c) {
          const body = visitBody(v, ids.teamId.get(teamKey)!, ids.siteId.get(v.site)!, startedAt, refs);
          const { inspection } = await createInspection(c, actor, who, body);
          if (v.photos) await attachDemoPhotos(c, actor, who, inspection.id, v.photos, startedAt, site);
        },
      });
    }
  }
  steps.push({ at: new Date(Math.min(now - MINUTE, fixedAt + 30 * MINUTE)), run: (c) => fixOnTheSpot(c) });
  return { steps, count: steps.length - 1 };
}

function visitBody(
  v: DemoVisit,
  teamId: string,
  siteId: string,
  startedAt: Date,
  refs: DemoDispatchRefs,
): InspectionBody {
  const site = [...DEMO_SITES[1], ...DEMO_SITES[2]].find((s) => s.name === v.site)!;
  // A record that verifies a pushed task cites it; a clue's also carries the hotline's answer.
  const task =
    v.closes === 'checklist'
      ? { taskId: refs.checklistTaskId }
      : v.closes === 'clue'
        ? {
            taskId: refs.clueTaskId,
            verification: {
              result: 'true' as const,
              feedback: '经现场核查，举报反映的夜间排放黄烟问题属实，已责令企业立即维修脱硝设施并规范运行。',
            },
          }
        : {};
  return {
    ...task,
    id: newId(),
    teamId,
    siteId,
    startedAt: startedAt.toISOString(),
    category: v.category,
    subtype: v.subtype ?? null,
    mode: 'focused',
    source: v.source ?? 'own',
    sourceRef: null,
    position: { lat: site.lat + 0.0002, lng: site.lng - 0.0001, accuracy: 8 },
    outcome: v.outcome,
    problems: (v.problems ?? []).map((description) => ({ description })),
    notes: v.notes ?? '',
  };
}
