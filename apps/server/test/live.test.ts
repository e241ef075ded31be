import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam, makeUser } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

/** Reads a server-sent event stream over real HTTP, collecting events by type. */
async function openStream(base: string, token: string) {
  const ctrl = new AbortController();
  const res = await fetch(`${base}/api/v1/live`, {
    headers: { authorization: `Bearer ${token}` },
    signal: ctrl.signal,
  });
  const events: { type: string; data: any }[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += decoder.decode(value, { stream: true });
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (type === 'ready') ready();
          else if (type && data) events.push({ type, data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted
    }
  })();
  await isReady;
  return { status: res.status, events, close: () => ctrl.abort() };
}

async function until(cond: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

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
