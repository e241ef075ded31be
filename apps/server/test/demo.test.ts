import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('does not seed twice on a second start the same day', async () => {
    const { seedDemo } = await import('../src/modules/demo/demo.seed.ts');
    expect((await seedDemo(p.ctx, 'demo-pass-123')).created).toBe(false);
  });
});
