import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam, makeUser, planCampaign } from './factories.ts';
import { type FuzzRequest, operationsOf, requestsFor } from './fuzz.cases.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

/**
 * Every route of the OpenAPI document, bent every way a clumsy or hostile client bends a
 * request (fuzz.cases.ts), as an administrator, a field inspector and nobody. A client's
 * mistake is a 4xx in the contract's error shape; a 5xx is a bug, whatever the input.
 */
describe.each(testTargets())('fuzzing every route on %s', (target) => {
  let p: TestPlatform;
  const ids: Record<string, string> = {};
  let callers: [string, string | null][];

  beforeAll(async () => {
    p = await startPlatform(target);
    const admin = await p.login('admin');
    const zz = await makeTeam(p, { city: '4101' });
    const site = await makeSite(p, { county: '410105' });
    const body = inspectionBody(zz.team.id, site.id, {
      outcome: 'fixed_on_spot',
      problems: [{ description: '物料未苫盖' }],
    });
    expect((await p.call('POST', '/inspections', { token: zz.inspector.token, body })).statusCode).toBe(201);
    const problem = (await p.call('GET', '/problems', { token: zz.inspector.token })).json().items[0];
    const { campaign } = await planCampaign(p);
    const member = await p.ctx.db.selectFrom('round_memberships').select('id').executeTakeFirstOrThrow();
    const victim = await makeUser(p, [{ role: 'datadesk' }]);
    // The real record behind `/<collection>/{id}`, so bent queries and bodies reach the handler.
    Object.assign(ids, {
      inspections: body.id,
      problems: problem.id,
      rounds: zz.round.id,
      campaigns: campaign.id,
      groups: zz.group.id,
      teams: zz.team.id,
      sites: site.id,
      people: zz.people[0]!,
      memberships: member.id,
      users: victim.id,
    });
    callers = [
      ['admin', admin],
      ['inspector', zz.inspector.token],
      ['anonymous', null],
    ];
  });
  afterAll(() => p?.close());

  const fill = (_name: string, path: string) => {
    const collection = /\/([a-z-]+)\/\{[^}]+\}[^{]*$/.exec(path)?.[1] ?? '';
    return ids[collection] ?? '01900000-0000-7000-8000-000000000000';
  };

  it('answers every bent request below 500, errors in the contract shape', { timeout: 120_000 }, async () => {
    const doc = (await p.call('GET', '/openapi.json')).json();
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(50);
    const failures: string[] = [];
    let sent = 0;
    let fiveHundreds = 0;
    const started = Date.now();
    for (const [who, token] of callers) {
      for (const op of ops) {
        // An open event stream never ends by itself; logout would end the caller's session.
        if (token && (op.path.endsWith('/live') || op.path.endsWith('/auth/logout'))) continue;
        for (const r of requestsFor(op, fill)) {
          const res = await send(r, token);
          sent++;
          const line = `${who} ${r.method} ${r.url.slice(0, 120)} [${r.what}] → ${res.statusCode}`;
          if (res.statusCode >= 500) fiveHundreds++;
          if (res.statusCode >= 500) failures.push(`${line} ${res.body.slice(0, 200)}`);
          else if (res.statusCode >= 400 && r.method !== 'HEAD' && !contractError(res.body))
            failures.push(`${line} not in the error shape: ${res.body.slice(0, 200)}`);
        }
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fuzz on ${target}: ${sent} requests, ${fiveHundreds} answered ≥ 500, ${failures.length} failures in all, ${seconds.toFixed(1)} s`,
    );
    expect(failures, failures.join('\n')).toEqual([]);
    // The platform still works afterwards.
    expect((await p.call('GET', '/health')).statusCode).toBe(200);
  });

  function send(r: FuzzRequest, token: string | null) {
    return p.app.inject({
      method: r.method as 'GET',
      url: r.url,
      headers: { ...r.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(r.payload !== undefined ? { payload: r.payload } : {}),
    });
  }
});

function contractError(body: string): boolean {
  try {
    const e = JSON.parse(body).error;
    return typeof e?.code === 'string' && typeof e?.message === 'string';
  } catch {
    return false;
  }
}
