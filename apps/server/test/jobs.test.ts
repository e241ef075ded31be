import type { DomainEvent } from '@ancha/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type JobDef, Scheduler } from '../src/jobs/scheduler.ts';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam, makeUser } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

const quiet = { info() {}, warn() {} };

describe.each(testTargets())('scheduled jobs on %s', (target) => {
  let p: TestPlatform;
  let zz: Awaited<ReturnType<typeof makeTeam>>;
  // Usernames: the clock jumps weeks between tests, past any session, so each call logs in anew.
  let leader: string;
  let command: string;
  let bureau: string;
  let inspector: string;
  beforeAll(async () => {
    p = await startPlatform(target);
    p.clock.set('2020-10-20T02:00:00Z'); // 10:00 in Shanghai
    zz = await makeTeam(p, { city: '4101' });
    leader = (await makeUser(p, [{ role: 'leader', groupId: zz.group.id }])).username;
    command = (await makeUser(p, [{ role: 'command' }])).username;
    bureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '410105' }])).username;
    inspector = zz.inspector.username;
    await p.ctx.db
      .insertInto('bureau_mailboxes')
      .values({
        division_code: '410105',
        email: 'jshb@zz.example.gov.cn',
        updated_at: p.clock.now().toISOString(),
      })
      .execute();
  });
  afterAll(() => p.close());

  const act = async (user: string, id: string, body: object) =>
    p.call('POST', `/problems/${id}/transitions`, { token: await p.login(user), body });

  /** A suspected violation handed to 金水区 with `deadline`; optionally already answered by the bureau. */
  async function handover(deadline: string, o: { feedback?: boolean } = {}) {
    const site = await makeSite(p, { county: '410105' });
    const body = inspectionBody(zz.team.id, site.id, {
      outcome: 'suspected_violation',
      problems: [{ description: '堆场未苫盖，扬尘明显' }],
    });
    expect((await p.call('POST', '/inspections', { token: await p.login(inspector), body })).statusCode).toBe(
      201,
    );
    const { id } = await p.ctx.db
      .selectFrom('problems')
      .select('id')
      .where('inspection_id', '=', body.id)
      .executeTakeFirstOrThrow();
    await act(leader, id, { action: 'submit' });
    await act(command, id, { action: 'approve' });
    const h = (await act(command, id, { action: 'hand_over', bureauDivisionCode: '410105', deadline })).json()
      .handover;
    if (o.feedback) {
      await act(bureau, id, { action: 'receive' });
      await act(bureau, id, {
        action: 'submit_feedback',
        investigation: '属实',
        measures: '已整改',
        caseFiled: false,
      });
    }
    return { problemId: id, handoverId: h.id as string, number: h.number as string };
  }
  const mailsAbout = (refId: string) =>
    p.ctx.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('ref_id', '=', refId)
      .where('kind', '!=', 'handover')
      .execute();

  it('reminds a bureau once of a handover due tomorrow, and once more the day after it is overdue', async () => {
    p.clock.set('2020-10-20T02:00:00Z');
    const due = await handover('2020-10-22');
    const answered = await handover('2020-10-22', { feedback: true });
    const later = await handover('2020-10-25');

    p.clock.set('2020-10-21T00:00:00Z'); // 08:00, the day before the deadline
    const first = await p.jobs.runJobNow('handovers.remind');
    expect(first).toMatchObject({ status: 'ran', period: '2020-10-21', result: { reminded: 1, overdue: 0 } });
    const [reminder] = await mailsAbout(due.handoverId);
    expect(reminder).toMatchObject({
      kind: 'handover_reminder',
      to_address: 'jshb@zz.example.gov.cn',
      status: 'pending',
    });
    expect(reminder!.subject).toContain(due.number);
    expect(reminder!.body_text).toContain('2020-10-22');
    const h = await p.ctx.db
      .selectFrom('handovers')
      .select('reminder_sent_at')
      .where('id', '=', due.handoverId)
      .executeTakeFirstOrThrow();
    expect(h.reminder_sent_at).toBe('2020-10-21T00:00:00.000Z');
    expect(await mailsAbout(answered.handoverId)).toEqual([]);
    expect(await mailsAbout(later.handoverId)).toEqual([]);

    // Again the same day: the period is taken. Even a forced run does not remind twice.
    expect((await p.jobs.runJobNow('handovers.remind')).status).toBe('skipped');
    expect(await p.jobs.runJobManually('handovers.remind')).toMatchObject({
      status: 'ran',
      result: { reminded: 0 },
    });
    expect(await mailsAbout(due.handoverId)).toHaveLength(1);

    p.clock.set('2020-10-23T00:00:00Z'); // the day after the deadline, still no feedback
    expect(await p.jobs.runJobNow('handovers.remind')).toMatchObject({
      status: 'ran',
      result: { reminded: 0, overdue: 1 },
    });
    expect(await p.jobs.runJobManually('handovers.remind')).toMatchObject({
      status: 'ran',
      result: { overdue: 0 },
    });
    const mails = await mailsAbout(due.handoverId);
    expect(mails.map((m) => m.kind).sort()).toEqual(['handover_overdue', 'handover_reminder']);
    expect(mails.find((m) => m.kind === 'handover_overdue')!.subject).toContain('逾期');
  });

  it('lets one of two instances run a period, and a failed run be taken over', async () => {
    let runs = 0;
    let fail = true;
    const slow: JobDef = {
      name: 'test.slow',
      title: '测试',
      cron: '0 3 * * *',
      period: () => '2020-10-23',
      async run() {
        runs++;
        await new Promise((r) => setTimeout(r, 50));
        if (fail) throw new Error('数据库暂时不可用');
        return { ok: true };
      },
    };
    const a = new Scheduler(p.ctx, [slow], quiet);
    const b = new Scheduler(p.ctx, [slow], quiet);
    const outcomes = await Promise.all([a.runForPeriod('test.slow'), b.runForPeriod('test.slow')]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['error', 'skipped']);
    expect(runs).toBe(1);
    fail = false;
    const retried = await Promise.all([a.runForPeriod('test.slow'), b.runForPeriod('test.slow')]);
    expect(retried.map((o) => o.status).sort()).toEqual(['ran', 'skipped']);
    expect(runs).toBe(2);
    expect((await a.runForPeriod('test.slow')).status).toBe('skipped');
    const row = await p.ctx.db
      .selectFrom('job_runs')
      .selectAll()
      .where('name', '=', 'test.slow')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ error: null, result: '{"ok":true}' });
    expect(row.finished_at).toBeTruthy();

    // The platform's own jobs, two concurrent calls: one runs.
    p.clock.set('2020-10-24T00:00:00Z');
    const real = await Promise.all([
      p.jobs.runJobNow('handovers.remind'),
      p.jobs.runJobNow('handovers.remind'),
    ]);
    expect(real.map((o) => o.status).sort()).toEqual(['ran', 'skipped']);
  });

  it('tells every group three days before the round ends how many follow-ups are still open', async () => {
    p.clock.set('2020-10-25T02:00:00Z');
    const { problemId } = await handover('2020-10-30', { feedback: true }); // feedback → a 回头看 for the 郑州 group
    const task = await p.ctx.db
      .selectFrom('group_tasks')
      .selectAll()
      .where('kind', '=', 'follow_up')
      .where('source_id', '=', problemId)
      .executeTakeFirstOrThrow();
    expect(task).toMatchObject({ state: 'open', group_id: zz.group.id, round_id: zz.round.id });
    const open = await p.ctx.db
      .selectFrom('group_tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('group_id', '=', zz.group.id)
      .where('state', '=', 'open')
      .executeTakeFirstOrThrow();

    const events: DomainEvent<'tasks.due_soon'>[] = [];
    const off = p.ctx.events.subscribe((ev) => {
      if (ev.type === 'tasks.due_soon') events.push(ev);
    });
    p.clock.set('2020-11-01T00:05:00Z'); // 11-01: round 1 ends 11-05, four days away
    expect(await p.jobs.runJobNow('tasks.due_soon')).toMatchObject({
      status: 'ran',
      result: { rounds: 0 },
    });
    p.clock.set('2020-11-02T00:05:00Z');
    expect(await p.jobs.runJobNow('tasks.due_soon')).toMatchObject({
      status: 'ran',
      result: { rounds: 1, groups: 18 },
    });
    // On PostgreSQL events travel through NOTIFY and come back a moment later.
    await vi.waitFor(() => expect(events).toHaveLength(18));
    off();
    const mine = events.find((e) => e.audience.groupIds.includes(zz.group.id))!;
    expect(mine.data).toMatchObject({
      roundNumber: 1,
      endDate: '2020-11-05',
      daysLeft: 3,
      openTasks: Number(open.n),
      openByKind: { follow_up: Number(open.n) },
    });
    expect(Number(open.n)).toBeGreaterThan(0);
  });

  it('carries an ended round’s open follow-ups into the next round just after midnight', async () => {
    p.clock.set('2020-11-05T16:10:00Z'); // 00:10 on 11-06 in Shanghai: round 1 ended yesterday
    const before = await p.ctx.db
      .selectFrom('group_tasks')
      .selectAll()
      .where('round_id', '=', zz.round.id)
      .where('state', '=', 'open')
      .execute();
    expect(before.length).toBeGreaterThan(0);
    const r = await p.jobs.runJobNow('tasks.carry_over');
    expect(r).toMatchObject({ status: 'ran', period: '2020-11-06', result: { carried: before.length } });
    for (const t of before) {
      const moved = await p.ctx.db
        .selectFrom('group_tasks')
        .selectAll()
        .where('carried_from', '=', t.id)
        .executeTakeFirstOrThrow();
      expect(moved.state).toBe('open');
      expect(moved.round_id).not.toBe(zz.round.id);
      const old = await p.ctx.db
        .selectFrom('group_tasks')
        .select('state')
        .where('id', '=', t.id)
        .executeTakeFirstOrThrow();
      expect(old.state).toBe('carried');
    }
    expect((await p.jobs.runJobNow('tasks.carry_over')).status).toBe('skipped');
  });

  it('catches up the daily jobs whose time has passed when an instance starts late', async () => {
    p.clock.set('2020-11-10T01:00:00Z'); // 09:00 Shanghai: carry-over, reminders and the round notice are all due
    p.jobs.scheduler.catchUp();
    await p.jobs.idle();
    const runs = await p.ctx.db
      .selectFrom('job_runs')
      .select('name')
      .where('period', '=', '2020-11-10')
      .execute();
    expect(runs.map((r) => r.name).sort()).toEqual([
      'handovers.remind',
      'tasks.carry_over',
      'tasks.due_soon',
    ]);
  });

  it('shows the jobs to command and lets an admin run one now', async () => {
    const list = await p.call('GET', '/jobs', { token: await p.login(command) });
    expect(list.statusCode).toBe(200);
    const names = list.json().items.map((j: { name: string }) => j.name);
    expect(names).toEqual([
      'media.sweep',
      'dashboard.daily-report',
      'handovers.remind',
      'tasks.carry_over',
      'tasks.due_soon',
      'mail.drain',
    ]);
    const remind = list.json().items.find((j: { name: string }) => j.name === 'handovers.remind');
    expect(remind.cron).toBe('0 8 * * *');
    expect(remind.nextRun).toBe('2020-11-11T00:00:00.000Z');
    expect(remind.lastRuns.length).toBeGreaterThan(0);

    expect(
      (await p.call('POST', '/jobs/handovers.remind/run', { token: await p.login(command), body: {} }))
        .statusCode,
    ).toBe(403);
    const admin = await p.login('admin');
    // Jobs come from the modules, not a fixed list: an unknown name is a resource that does not exist.
    expect((await p.call('POST', '/jobs/nothing/run', { token: admin, body: {} })).statusCode).toBe(404);
    const once = await p.call('POST', '/jobs/handovers.remind/run', { token: admin, body: {} });
    expect(once.json()).toMatchObject({ status: 'skipped', period: '2020-11-10' }); // caught up already
    const forced = await p.call('POST', '/jobs/handovers.remind/run', {
      token: admin,
      body: { force: true },
    });
    expect(forced.json()).toMatchObject({ status: 'ran', period: expect.stringMatching(/^manual:/) });
    const audits = await p.ctx.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'job.run')
      .execute();
    expect(audits).toHaveLength(2);
  });
});
