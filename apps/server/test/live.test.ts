import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createPlatform, type Platform } from '../src/server.ts';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam, makeUser } from './factories.ts';
import { ADMIN_PASSWORD, startPlatform, type TestPlatform } from './harness.ts';
import { openStream, until } from './sse.ts';

describe.each(testTargets())('live feed on %s', (target) => {
  let p: TestPlatform;
  let base: string;
  beforeAll(async () => {
    p = await startPlatform(target);
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(() => p.close());

  it('streams a new record to the command room and its own group only', async () => {
    const zz = await makeTeam(p, { city: '4101' });
    const ly = await makeTeam(p, { city: '4103' });
    const site = await makeSite(p, { county: '410102' });
    const command = await makeUser(p, [{ role: 'command' }]);
    const zzLeader = await makeUser(p, [{ role: 'leader', groupId: zz.group.id }]);
    const bureau = await makeUser(p, [{ role: 'bureau', divisionCode: '410102' }]);

    const streams = {
      command: await openStream(base, command.token),
      leader: await openStream(base, zzLeader.token),
      otherGroup: await openStream(base, ly.inspector.token),
      bureau: await openStream(base, bureau.token),
    };
    try {
      const body = inspectionBody(zz.team.id, site.id, {
        outcome: 'suspected_violation',
        problems: [{ description: '未批先建，无环评手续' }],
      });
      expect((await p.call('POST', '/inspections', { token: zz.inspector.token, body })).statusCode).toBe(
        201,
      );
      await until(() => streams.command.events.length > 0 && streams.leader.events.length > 0);
      expect(streams.command.events[0]).toMatchObject({
        type: 'inspection.created',
        data: { type: 'inspection.created', data: { id: body.id, groupId: zz.group.id } },
      });
      // Who may hear it is decided on the server and never sent.
      expect(streams.command.events[0]!.data).not.toHaveProperty('audience');
      expect(streams.leader.events[0]!.data.data.id).toBe(body.id);
      await new Promise((r) => setTimeout(r, 300));
      expect(streams.otherGroup.events).toEqual([]);
      expect(streams.bureau.events).toEqual([]);
      // A replay is not news.
      await p.call('POST', '/inspections', { token: zz.inspector.token, body });
      await new Promise((r) => setTimeout(r, 300));
      expect(streams.command.events).toHaveLength(1);
    } finally {
      for (const s of Object.values(streams)) s.close();
    }
  });

  it('refuses an anonymous stream', async () => {
    const res = await fetch(`${base}/api/v1/live`);
    expect(res.status).toBe(401);
  });
});

async function listen(p: Platform): Promise<string> {
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = p.app.server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}

/**
 * A stream carries records with positions: it must end when the session behind it ends — at
 * once when the session is ended through the platform, within the re-check interval when it
 * expires or is changed behind the platform's back.
 */
describe.each(testTargets())('live streams end with their session on %s', (target) => {
  // Long enough that "at once" below can only be the revocation event, not the periodic re-check.
  const RECHECK_SECONDS = 30;
  let p: TestPlatform;
  let base: string;
  let admin: string;
  beforeAll(async () => {
    p = await startPlatform(target, { liveRecheckSeconds: RECHECK_SECONDS });
    base = await listen(p);
    admin = await p.login('admin');
  });
  afterAll(() => p.close());

  /** Opens a stream and checks it still hears a new record of its group before the change. */
  let teamNumber = 0;
  async function liveInspector() {
    const zz = await makeTeam(p, { city: '4101', number: ++teamNumber });
    const site = await makeSite(p, { county: '410102' });
    const stream = await openStream(base, zz.inspector.token);
    const record = () =>
      p.call('POST', '/inspections', {
        token: zz.inspector.token,
        body: inspectionBody(zz.team.id, site.id),
      });
    expect((await record()).statusCode).toBe(201);
    await until(() => stream.events.length === 1);
    return { zz, stream, record };
  }

  it('ends at once on logout, and nothing more is sent', async () => {
    const command = await makeUser(p, [{ role: 'command' }]);
    const { stream, record } = await liveInspector();
    const commandStream = await openStream(base, command.token);
    expect((await p.call('POST', '/auth/logout', { token: command.token })).statusCode).toBe(204);
    await until(commandStream.isEnded, 2000, 'the stream outlived its logout');
    expect((await record()).statusCode).toBe(201);
    await until(() => stream.events.length === 2);
    expect(commandStream.events).toEqual([]);
    // The other user's stream is untouched.
    expect(stream.isEnded()).toBe(false);
    stream.close();
  });

  it('ends at once when the user is disabled or their roles change', async () => {
    const a = await liveInspector();
    const b = await liveInspector();
    expect(
      (await p.call('PATCH', `/users/${a.zz.inspector.id}`, { token: admin, body: { disabled: true } }))
        .statusCode,
    ).toBe(200);
    await until(a.stream.isEnded, 2000, 'the stream outlived disabling its user');
    expect(
      (
        await p.call('PATCH', `/users/${b.zz.inspector.id}`, {
          token: admin,
          body: { roles: [{ role: 'datadesk' }] },
        })
      ).statusCode,
    ).toBe(200);
    await until(b.stream.isEnded, 2000, 'the stream outlived a change of roles');
  });

  it('writes nothing past its session deadline, even before the next re-check', async () => {
    const command = await makeUser(p, [{ role: 'command' }]);
    const commandStream = await openStream(base, command.token);
    const { zz, stream, record } = await liveInspector();
    await until(() => commandStream.events.length === 1);
    // The command user's session sits idle past the timeout while the inspector keeps working.
    p.clock.advance(p.ctx.config.sessionIdleHours * 3600_000 - 60_000);
    expect((await p.call('GET', '/auth/me', { token: zz.inspector.token })).statusCode).toBe(200);
    p.clock.advance(2 * 60_000);
    expect((await record()).statusCode).toBe(201);
    await until(() => stream.events.length === 2);
    await until(commandStream.isEnded, 2000, 'the idle session heard the record');
    expect(commandStream.events).toHaveLength(1);
    stream.close();
  });

  it('never sends the internal revocation event to anyone', async () => {
    const command = await makeUser(p, [{ role: 'command' }]);
    const watcher = await openStream(base, command.token);
    const victim = await makeUser(p, [{ role: 'command' }]);
    expect((await p.call('POST', '/auth/logout', { token: victim.token })).statusCode).toBe(204);
    await new Promise((r) => setTimeout(r, 300));
    expect(watcher.events.map((e) => e.type)).not.toContain('sessions.ended');
    watcher.close();
  });
});

describe.each(testTargets())('live streams re-check their session on %s', (target) => {
  let p: TestPlatform;
  let base: string;
  beforeAll(async () => {
    p = await startPlatform(target, { liveRecheckSeconds: 0.2 });
    base = await listen(p);
  });
  afterAll(() => p.close());

  it('ends when the user is disabled directly in the database', async () => {
    const u = await makeUser(p, [{ role: 'command' }]);
    const stream = await openStream(base, u.token);
    await p.ctx.db.updateTable('users').set({ disabled: 1 }).where('id', '=', u.id).execute();
    await until(stream.isEnded, 3000, 'the stream outlived its disabled user');
  });

  it('ends when its roles are changed directly in the database', async () => {
    const u = await makeUser(p, [{ role: 'command' }]);
    const stream = await openStream(base, u.token);
    await new Promise((r) => setTimeout(r, 500));
    expect(stream.isEnded()).toBe(false);
    await p.ctx.db.updateTable('user_roles').set({ role: 'datadesk' }).where('user_id', '=', u.id).execute();
    await until(stream.isEnded, 3000, 'the stream outlived a change of scope');
  });

  it('is no activity: the stream ends when its session sits idle too long', async () => {
    const u = await makeUser(p, [{ role: 'command' }]);
    const stream = await openStream(base, u.token);
    p.clock.advance(p.ctx.config.sessionIdleHours * 3600_000 - 60_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(stream.isEnded()).toBe(false);
    p.clock.advance(2 * 60_000);
    await until(stream.isEnded, 3000, 'the stream kept an idle session alive');
  });

  it('lives on while the session is used, and ends at its absolute lifetime', async () => {
    const u = await makeUser(p, [{ role: 'command' }]);
    const stream = await openStream(base, u.token);
    const maxMs = p.ctx.config.sessionMaxDays * 86_400_000;
    const step = 6 * 3600_000;
    let elapsed = 0;
    while (elapsed + step < maxMs) {
      p.clock.advance(step);
      elapsed += step;
      expect((await p.call('GET', '/auth/me', { token: u.token })).statusCode).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(stream.isEnded()).toBe(false);
    p.clock.advance(maxMs - elapsed + 60_000);
    await until(stream.isEnded, 3000, 'the stream outlived the absolute session lifetime');
  });
});

describe.runIf(testTargets().includes('postgres'))('live streams across instances', () => {
  let a: TestPlatform;
  let b: Platform;
  let baseB: string;
  beforeAll(async () => {
    a = await startPlatform('postgres', { liveRecheckSeconds: 30 });
    // A second instance on the same database, as behind a load balancer.
    b = await createPlatform(loadConfig({}, { ...a.ctx.config, jobs: false }), { now: a.clock.now });
    baseB = await listen(b);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('ends a stream on one instance at once when the session is ended on another', async () => {
    const token = await a.login('admin', ADMIN_PASSWORD);
    const stream = await openStream(baseB, token);
    expect((await a.call('POST', '/auth/logout', { token })).statusCode).toBe(204);
    await until(stream.isEnded, 2000, 'the other instance kept the stream open');
  });
});
