import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { demoCampaignCovering } from '../src/modules/campaign/campaign.service.ts';
import { seedDemo } from '../src/modules/demo/demo.seed.ts';
import type { MediaStore } from '../src/storage/media.store.ts';
import { testTargets } from './databases.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

describe('demo mode', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    // 11:00 in Shanghai: a working morning is under way.
    p = await startPlatform(
      'sqlite',
      { demo: true, demoPassword: 'demo-pass-123' },
      { now: '2026-11-30T03:00:00Z' },
    );
  });
  afterAll(() => p.close());

  const login = (u: string) => p.login(u, 'demo-pass-123');

  it('adds a demo campaign with today inside its first round, leaving the 2020 campaign alone', async () => {
    expect(p.demo).toMatchObject({ created: true, inspections: 23, generatedPassword: null });
    const token = await login('demo-command');
    const campaigns = (await p.call('GET', '/campaigns', { token })).json().items;
    expect(campaigns.map((c: { name: string }) => c.name)).toEqual([
      '演示：秋冬季暗访核查（2026-11-26起）',
      '2020年秋冬季暗访核查',
    ]);
    const rounds = (await p.call('GET', `/campaigns/${campaigns[0].id}/rounds`, { token })).json().items;
    expect(rounds[0]).toMatchObject({ startDate: '2026-11-26', endDate: '2026-12-13' });
    expect(campaigns[1]).toMatchObject({ startDate: '2020-10-19', endDate: '2020-12-31' });
  });

  it('shows two groups at work today, one team at quota, and a suspected violation with its photos on time', async () => {
    const token = await login('demo-command');
    const campaignId = (await p.call('GET', '/campaigns', { token })).json().items[0].id;
    const quota = (await p.call('GET', `/campaigns/${campaignId}/quota`, { token })).json();
    expect(quota.date).toBe('2026-11-30');
    const working = quota.items.filter((i: { inspections: number }) => i.inspections > 0);
    expect(new Set(working.map((i: { groupNumber: number }) => i.groupNumber))).toEqual(new Set([1, 2]));
    expect(working.filter((i: { met: boolean }) => i.met)).toHaveLength(1);
    const violations = (
      await p.call('GET', '/inspections?outcome=suspected_violation&date=2026-11-30', { token })
    ).json().items;
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({
      evidenceCount: 3,
      lateEvidence: false,
      flagged: false,
      site: { name: '郑州宏达铸造有限公司' },
    });
  });

  it('lets every demo account in with its own view, and shows the bureau nothing before handover', async () => {
    const inspector = await login('demo-inspector');
    const ctx = (await p.call('GET', '/me/field-context', { token: inspector })).json();
    expect(ctx).toMatchObject({
      team: { number: 1, recorderSerial: 'DSJ-SMX-0101' },
      stationedCityCode: '4101',
    });
    const second = await login('demo-inspector2');
    expect((await p.call('GET', '/me/field-context', { token: second })).json().stationedCityCode).toBe(
      '4102',
    );
    for (const u of ['demo-leader', 'demo-liaison', 'demo-leader2']) expect(await login(u)).toBeTruthy();
    const bureau = await login('demo-bureau');
    expect((await p.call('GET', '/inspections', { token: bureau })).statusCode).toBe(403);
  });

  it('has problems in every state, the bureau seeing only those handed to its county', async () => {
    const command = await login('demo-command');
    const items = (await p.call('GET', '/problems?limit=500', { token: command })).json().items;
    const states = new Set(items.map((i: { state: string }) => i.state));
    for (const s of [
      'open',
      'fixed_on_spot',
      'draft',
      'submitted',
      'returned',
      'approved',
      'handed_over',
      'received',
      'feedback_submitted',
      'closed',
    ]) {
      expect(states, s).toContain(s);
    }
    const bureau = await login('demo-bureau');
    const seen = (await p.call('GET', '/problems?limit=500', { token: bureau })).json().items;
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(
      seen.every(
        (i: { handover: { bureauDivision: { code: string } } }) =>
          i.handover.bureauDivision.code === '410105',
      ),
    ).toBe(true);
    // In the same county, not yet handed over: invisible to the bureau.
    const hidden = items.filter(
      (i: { site: { divisionCode: string }; state: string }) =>
        i.site.divisionCode === '410105' && ['draft', 'submitted'].includes(i.state),
    );
    expect(hidden.length).toBeGreaterThan(0);
    for (const h of hidden)
      expect((await p.call('GET', `/problems/${h.id}`, { token: bureau })).statusCode).toBe(404);
    const rehanded = items.find(
      (i: { handover: { number: string } | null; state: string }) =>
        i.state === 'handed_over' && i.handover && items.length,
    );
    expect(rehanded).toBeTruthy();
  });

  it('has an overdue handover the bureau must answer, and handed-over problems with their photos', async () => {
    const command = await login('demo-command');
    const overdue = (await p.call('GET', '/problems?overdue=true&limit=100', { token: command })).json()
      .items;
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    for (const o of overdue) expect(o.handover).toMatchObject({ overdue: true, feedback: null });
    const bureau = await login('demo-bureau');
    const mine = (await p.call('GET', '/problems?overdue=true', { token: bureau })).json().items;
    expect(mine.length).toBeGreaterThanOrEqual(1);
    // Handed over on an earlier day of the round, before a deadline that has passed.
    expect(mine[0].handover.deadline < '2026-11-30').toBe(true);
    expect(mine[0].handover.handedOverAt < '2026-11-30').toBe(true);

    const seen = (await p.call('GET', '/problems?limit=500', { token: bureau })).json().items;
    let withPhotos = 0;
    for (const problem of seen) {
      const evidence = (
        await p.call('GET', `/inspections/${problem.inspectionId}/evidence`, { token: command })
      ).json().items as { sha256: string; kind: string }[];
      if (evidence.length === 0) continue;
      withPhotos++;
      // The bureau reads the photos of what was handed to it.
      const photo = await p.call('GET', `/media/${evidence[0]!.sha256}`, { token: bureau });
      expect(photo.statusCode).toBe(200);
      expect(photo.headers['content-type']).toMatch(/^image\/jpeg/);
    }
    expect(withPhotos).toBeGreaterThanOrEqual(4);
  });

  it('gives the command dashboard real dispatch: instructions confirmed and waiting, an alert, overdue and closed pushed work', async () => {
    const command = await login('demo-command');
    const campaignId = (await p.call('GET', '/campaigns', { token: command })).json().items[0].id;
    const panel = async (key: string) =>
      (await p.call('GET', `/dashboard/${key}?campaignId=${campaignId}`, { token: command })).json();

    const ins = await panel('instructions');
    expect(ins).toMatchObject({ targets: 3, acknowledged: 2, unacknowledged: 1 });
    expect(ins.waiting).toEqual([
      expect.objectContaining({ groupNumber: 1, kindLabel: '行业暗查', minutes: 45 }),
    ]);
    expect(ins.recent.map((r: { acknowledgedBy: string }) => r.acknowledgedBy)).toEqual([
      '孙志强（组长）',
      '王建国（组长）',
    ]);
    const alerts = await panel('alerts');
    expect(alerts.items).toEqual([
      expect.objectContaining({ level: 'blue', areaNames: ['郑州市'], emergencyInspections: 1 }),
    ]);
    const overdue = await panel('dispatch');
    expect(overdue).toMatchObject({ checklistItems: 1, groups: [{ groupNumber: 1, checklistItems: 1 }] });
    expect(overdue.items[0]).toMatchObject({ kind: 'checklist', dueDate: '2026-11-29', daysOverdue: 1 });

    const items = (await p.call('GET', `/checklists?campaignId=${campaignId}`, { token: command })).json()
      .items;
    expect(new Set(items.map((i: { resultLabel: string | null }) => i.resultLabel))).toEqual(
      new Set(['核查无问题', null]),
    );
    const clues = (await p.call('GET', `/clues?campaignId=${campaignId}`, { token: command })).json().items;
    const byNumber = new Map(clues.map((c: { number: string }) => [c.number, c]));
    expect(byNumber.get('HN12369-0001')).toMatchObject({ state: 'finished', result: 'true' });
    expect(byNumber.get('HN12369-0002')).toMatchObject({
      state: 'waiting',
      proposals: expect.arrayContaining([expect.objectContaining({ kind: 'clue', label: 'HN12369-0001' })]),
    });

    // The ledger flags what the demo's records found: a closed workshop running again, unlisted enterprises.
    const checks = (await p.call('GET', '/ledger-checks?cityCode=4101', { token: command })).json().items;
    const verdicts = new Set(checks.map((c: { verdict: string }) => c.verdict));
    expect(verdicts).toContain('revived');
    expect(verdicts).toContain('new');
    expect(checks.find((c: { verdict: string }) => c.verdict === 'revived').site.name).toBe(
      '郑州华美塑料制品厂',
    );
    const areas = (await p.call('GET', '/priority-areas', { token: command })).json().items;
    expect(areas.length).toBeGreaterThanOrEqual(3);
    // The group's leader sees the instruction still to confirm; the bureau none of it.
    const leader = await login('demo-leader');
    const mine = (await p.call('GET', '/instructions?current=true', { token: leader })).json().items;
    expect(mine.some((i: { targets: { canAcknowledge: boolean }[] }) => i.targets[0]?.canAcknowledge)).toBe(
      true,
    );
    const bureau = await login('demo-bureau');
    expect(
      (await p.call('GET', `/dashboard/dispatch?campaignId=${campaignId}`, { token: bureau })).statusCode,
    ).toBe(403);
  });

  it('records its history in order: the audit chain holds and its times never go back', async () => {
    expect((await verifyAuditChain(p.ctx)).ok).toBe(true);
    const entries = await p.ctx.db.selectFrom('audit_log').select(['at', 'action']).orderBy('seq').execute();
    // The demo's part of the log: from the campaign's creation to the entry that completes it.
    const first = entries.findIndex((e) => e.action === 'campaign.create' && e.at < '2026-11-30');
    const last = entries.findIndex((e) => e.action === 'demo.seed');
    expect(first).toBeGreaterThan(0);
    const times = entries.slice(first, last + 1).map((e) => e.at);
    expect(times.length).toBeGreaterThan(100);
    expect(times).toEqual([...times].sort());
    const marker = await p.ctx.db
      .selectFrom('audit_log')
      .select(['at', 'entity_id'])
      .where('action', '=', 'demo.seed')
      .execute();
    // The entry that marks the demo complete, written last in its one transaction.
    expect(marker).toEqual([{ at: '2026-11-30T03:00:00.000Z', entity_id: p.demo!.campaignId }]);
  });

  it('does not seed twice on a second start the same day', async () => {
    expect((await seedDemo(p.ctx, 'demo-pass-123')).created).toBe(false);
  });
});

describe.each(testTargets())('demo seeding that fails part way on %s', (target) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(target, {}, { now: '2026-11-30T03:00:00Z' });
  });
  afterAll(() => p.close());

  it('leaves nothing behind, so the next start builds the whole demo instead of keeping half of it', async () => {
    const store = p.ctx.media.store;
    let stored = 0;
    // The disk fills up while the demo's photos are stored.
    p.ctx.media.store = Object.create(store, {
      putOriginal: {
        value: async (sha256: string, tempFile: string) => {
          if (++stored === 6)
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
              code: 'ENOSPC',
              syscall: 'write',
            });
          return store.putOriginal(sha256, tempFile);
        },
      },
    }) as MediaStore;
    try {
      await expect(seedDemo(p.ctx, 'demo-pass-123')).rejects.toThrow(/ENOSPC/);
    } finally {
      p.ctx.media.store = store;
    }
    expect(await demoCampaignCovering(p.ctx, '2026-11-30')).toBeUndefined();
    const leftovers = await p.ctx.db
      .selectFrom('users')
      .select('username')
      .where('username', 'like', 'demo-%')
      .execute();
    expect(leftovers).toEqual([]);
    expect(await p.ctx.db.selectFrom('inspections').select('id').execute()).toEqual([]);

    const again = await seedDemo(p.ctx, 'demo-pass-123');
    expect(again).toMatchObject({ created: true, inspections: 23 });
    expect((await demoCampaignCovering(p.ctx, '2026-11-30'))?.id).toBe(again.campaignId);
    expect((await verifyAuditChain(p.ctx)).ok).toBe(true);
    // What waited for the commit ran after it: every photo got its thumbnail.
    await p.idle();
    const pending = await p.ctx.db
      .selectFrom('media_objects')
      .select('sha256')
      .where('kind', '=', 'photo')
      .where('thumbnail_key', 'is', null)
      .execute();
    expect(pending).toEqual([]);
  });
});
