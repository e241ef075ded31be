import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam, makeUser } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { openStream, until } from './sse.ts';

describe.each(testTargets())('the live feed for bureaus on %s', (target) => {
  let p: TestPlatform;
  let base: string;
  beforeAll(async () => {
    p = await startPlatform(target);
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(() => p.close());

  it('tells of a handover only the addressed county and its city, and nobody of submit or approve', async () => {
    const zz = await makeTeam(p, { city: '4101' });
    const leader = await makeUser(p, [{ role: 'leader', groupId: zz.group.id }]);
    const command = await makeUser(p, [{ role: 'command' }]);
    const site = await makeSite(p, { county: '410105' });
    const body = inspectionBody(zz.team.id, site.id, {
      outcome: 'suspected_violation',
      problems: [{ description: '直排测试：废水直排雨水管网' }],
    });
    expect((await p.call('POST', '/inspections', { token: zz.inspector.token, body })).statusCode).toBe(201);
    const problemId = (await p.call('GET', '/problems?q=直排测试', { token: command.token })).json().items[0]
      .id as string;

    const bureaus = {
      county: '410105', // 金水区: addressed
      city: '4101', // 郑州市: the addressed county's city
      sibling: '410102', // 中原区: another county of that city
      elsewhere: '410202', // a district of 开封
    } as const;
    const streams = Object.fromEntries(
      await Promise.all(
        Object.entries(bureaus).map(async ([k, code]) => {
          const u = await makeUser(p, [{ role: 'bureau', divisionCode: code }]);
          return [k, await openStream(base, u.token)] as const;
        }),
      ),
    ) as Record<keyof typeof bureaus, Awaited<ReturnType<typeof openStream>>>;
    const watcher = await openStream(base, command.token);
    try {
      const act = async (token: string, b: object) =>
        expect(
          (await p.call('POST', `/problems/${problemId}/transitions`, { token, body: b })).statusCode,
        ).toBe(200);
      await act(leader.token, { action: 'submit' });
      await act(command.token, { action: 'approve' });
      await act(command.token, { action: 'hand_over', bureauDivisionCode: '410105', deadline: '2020-10-30' });
      // The command room hears all three; by then every stream has had its chance.
      await until(() => watcher.events.filter((e) => e.type === 'problem.changed').length === 3);
      await until(() => streams.county.events.length > 0 && streams.city.events.length > 0);
      await new Promise((r) => setTimeout(r, 300));
      for (const k of ['county', 'city'] as const) {
        expect(
          streams[k].events.map((e) => [e.type, e.data.data.action]),
          k,
        ).toEqual([['problem.changed', 'hand_over']]);
      }
      expect(streams.sibling.events).toEqual([]);
      expect(streams.elsewhere.events).toEqual([]);
    } finally {
      for (const s of [...Object.values(streams), watcher]) s.close();
    }
  });
});
