import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.ts';
import { testTargets } from './databases.ts';
import { makeRosterPerson, makeUser, planCampaign } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

// The phone queues a pledge offline and sends it, maybe twice (an answer lost on the way back).
describe.each(testTargets())('integrity forms sent from the phone’s outbox on %s', (target) => {
  let p: TestPlatform;
  let r1: string;
  const tokens: string[] = [];

  beforeAll(async () => {
    p = await startPlatform(target);
    const plan = await planCampaign(p);
    r1 = plan.rounds[0]!.id;
    const people = [
      await makeRosterPerson(p, { roundId: r1, groupId: plan.groups[0]!.id, homeDivision: '4112' }),
      await makeRosterPerson(p, { roundId: r1, groupId: plan.groups[0]!.id, homeDivision: '4112' }),
    ];
    const command = (await makeUser(p, [{ role: 'command' }])).token;
    const sheet = (await p.call('POST', `/rounds/${r1}/accounts`, { token: command })).json().items as {
      personId: string;
      username: string;
      code: string;
    }[];
    for (const person of people) {
      const me = sheet.find((s) => s.personId === person)!;
      const token = (
        await p.call('POST', '/auth/login', { body: { username: me.username, password: me.code } })
      ).json().token as string;
      await p.call('POST', '/auth/password', { token, body: { password: 'pledge-pass-2020' } });
      tokens.push(token);
    }
  });
  afterAll(() => p.close());

  it('a replayed client id answers the stored signature once; the id is kept', async () => {
    const id = newId();
    const body = { id, roundId: r1, kind: 'pledge' };
    const first = await p.call('POST', '/integrity', { token: tokens[0], body });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().id).toBe(id);
    const again = await p.call('POST', '/integrity', { token: tokens[0], body });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const rows = await p.ctx.db.selectFrom('integrity_forms').select('id').where('id', '=', id).execute();
    expect(rows).toHaveLength(1);
    const audits = await p.ctx.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'integrity.pledge')
      .where('entity_id', '=', id)
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('the same client id for another person’s or another kind of form is refused, nothing saved', async () => {
    const id = newId();
    expect(
      (await p.call('POST', '/integrity', { token: tokens[1], body: { id, roundId: r1, kind: 'pledge' } }))
        .statusCode,
    ).toBe(200);
    const misuse = await p.call('POST', '/integrity', {
      token: tokens[0],
      body: { id, roundId: r1, kind: 'pledge' },
    });
    expect(misuse.statusCode).toBe(409);
    expect(misuse.json().error.code).toBe('conflict');
  });

  it('without a client id (older phones, the console) signing twice still returns the first', async () => {
    const first = (
      await p.call('POST', '/integrity', { token: tokens[1], body: { roundId: r1, kind: 'pledge' } })
    ).json();
    const again = (
      await p.call('POST', '/integrity', { token: tokens[1], body: { roundId: r1, kind: 'pledge' } })
    ).json();
    expect(again.id).toBe(first.id);
  });
});
