import { type AddressInfo, createServer } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { expect } from 'vitest';
import { inspectionBody, makeSite, makeTeam, makeUser } from './factories.ts';
import type { TestPlatform } from './harness.ts';

export type Received = ParsedMail & { rcpt: string[] };

/** A real SMTP server on 127.0.0.1 that requires the login in the URL and keeps what it receives. */
export async function smtpSink(port = 0) {
  const messages: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'ancha' && auth.password === 's3cret') cb(null, { user: auth.username });
      else cb(new Error('535 认证失败'));
    },
    onData(stream, session, cb) {
      simpleParser(stream).then(
        (m) => {
          messages.push(Object.assign(m, { rcpt: session.envelope.rcptTo.map((r) => r.address) }));
          cb();
        },
        (err) => cb(err),
      );
    },
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const bound = (server.server.address() as AddressInfo).port;
  return {
    port: bound,
    url: `smtp://ancha:s3cret@127.0.0.1:${bound}`,
    messages,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A port nothing listens on (yet). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

let teamNo = 100;

/** Drives a fresh suspected violation in 金水区 (or `county`) to handed_over; answers the handover. */
export async function handedOver(p: TestPlatform, county = '410105') {
  const t = await makeTeam(p, { city: '4101', number: teamNo++ });
  const leader = (await makeUser(p, [{ role: 'leader', groupId: t.group.id }])).token;
  const command = (await makeUser(p, [{ role: 'command' }])).token;
  const site = await makeSite(p, { county });
  const body = inspectionBody(t.team.id, site.id, {
    outcome: 'suspected_violation',
    problems: [{ description: '喷漆车间废气直排' }],
  });
  expect((await p.call('POST', '/inspections', { token: t.inspector.token, body })).statusCode).toBe(201);
  const problem = await p.ctx.db
    .selectFrom('problems')
    .select('id')
    .where('inspection_id', '=', body.id)
    .executeTakeFirstOrThrow();
  const act = (token: string, b: object) =>
    p.call('POST', `/problems/${problem.id}/transitions`, { token, body: b });
  await act(leader, { action: 'submit' });
  await act(command, { action: 'approve' });
  const r = await act(command, { action: 'hand_over', bureauDivisionCode: county, deadline: '2020-10-30' });
  expect(r.statusCode).toBe(200);
  return r.json().handover as { id: string; number: string };
}

export const outboxOf = (p: TestPlatform, refId: string) =>
  p.ctx.db.selectFrom('mail_outbox').selectAll().where('ref_id', '=', refId).executeTakeFirstOrThrow();
