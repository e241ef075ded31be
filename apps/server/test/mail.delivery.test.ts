import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMail } from '../src/modules/notify/mail.service.ts';
import { testTargets } from './databases.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { freePort, handedOver, outboxOf, smtpSink } from './mail.support.ts';

describe.each(testTargets())('mail server unreachable on %s', (target) => {
  let p: TestPlatform;
  let port: number;
  let sink: Awaited<ReturnType<typeof smtpSink>> | null = null;
  beforeAll(async () => {
    port = await freePort();
    p = await startPlatform(target, { smtpUrl: `smtp://ancha:s3cret@127.0.0.1:${port}` });
    p.clock.set('2020-10-20T08:00:00Z');
    await p.ctx.db
      .insertInto('bureau_mailboxes')
      .values({
        division_code: '410105',
        email: 'jshb@zz.example.gov.cn',
        updated_at: p.clock.now().toISOString(),
      })
      .execute();
  });
  afterAll(async () => {
    await p.close();
    await sink?.close();
  });

  it('keeps the mail pending with backed-off retries, then delivers it once the server is back', async () => {
    const h = await handedOver(p);
    await p.jobs.idle();
    let row = await outboxOf(p, h.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toMatch(/ECONNREFUSED/);
    expect(row.next_attempt_at).toBe('2020-10-20T08:01:00.000Z');

    expect((await p.jobs.runJobNow('mail.drain')).status).toBe('ran'); // not due yet: untouched
    expect((await outboxOf(p, h.id)).attempts).toBe(1);

    p.clock.advance(61_000);
    await p.jobs.runJobNow('mail.drain');
    row = await outboxOf(p, h.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row.next_attempt_at).toBe('2020-10-20T08:06:01.000Z'); // 5 minutes after the second failure

    sink = await smtpSink(port);
    p.clock.advance(5 * 60_000);
    expect((await p.jobs.runJobNow('mail.drain')).status).toBe('ran');
    row = await outboxOf(p, h.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(sink.messages.filter((m) => m.subject?.includes(h.number))).toHaveLength(1);
    await sink.close();
    sink = null;
  });

  it('gives up after the last attempt and says why', async () => {
    const id = await p.ctx.db.transaction().execute((tx) =>
      enqueueMail(p.ctx.withTx(tx), {
        kind: 'test',
        refId: null,
        to: 'x@example.gov.cn',
        subject: '最后一次',
        text: '测试',
      }),
    );
    await p.ctx.db.updateTable('mail_outbox').set({ attempts: 7 }).where('id', '=', id).execute();
    await p.mail.drain();
    const row = await p.ctx.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: 8 });
    expect(row.last_error).toMatch(/ECONNREFUSED/);
  });
});

describe.each(testTargets())('no mail server configured on %s', (target) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(target);
    p.clock.set('2020-10-20T08:00:00Z');
    await p.ctx.db
      .insertInto('bureau_mailboxes')
      .values({
        division_code: '4101',
        email: 'zzhb@zz.example.gov.cn',
        updated_at: p.clock.now().toISOString(),
      })
      .execute();
  });
  afterAll(() => p.close());

  it('keeps every mail pending and tells the console so', async () => {
    const h = await handedOver(p);
    await p.jobs.idle();
    const outcome = await p.jobs.runJobNow('mail.drain');
    expect(outcome).toMatchObject({ status: 'ran', result: { configured: false, sent: 0 } });
    expect(await outboxOf(p, h.id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      to_address: 'zzhb@zz.example.gov.cn',
    });
    const admin = await p.login('admin');
    const r = (await p.call('GET', '/mail/outbox', { token: admin })).json();
    expect(r).toMatchObject({ smtpConfigured: false, pending: 1, failed: 0 });
    expect(r.items[0]).toMatchObject({
      status: 'pending',
      subject: expect.stringContaining(h.number),
      attachments: [{ filename: `${h.number}.docx` }],
    });
  });
});
