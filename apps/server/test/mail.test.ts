import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailSender } from '../src/modules/notify/mail.sender.ts';
import { enqueueMail } from '../src/modules/notify/mail.service.ts';
import { testTargets } from './databases.ts';
import { makeTeam, makeUser } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { handedOver, outboxOf, smtpSink } from './mail.support.ts';

describe.each(testTargets())('handover mail on %s', (target) => {
  let p: TestPlatform;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let command: string;
  beforeAll(async () => {
    sink = await smtpSink();
    p = await startPlatform(target, {
      smtpUrl: sink.url,
      mailFrom: '省生态环境厅暗访核查 <ahc@hnep.example.gov.cn>',
    });
    p.clock.set('2020-10-20T08:00:00Z');
    command = (await makeUser(p, [{ role: 'command' }])).token;
    for (const [divisionCode, email] of [
      ['4101', 'zzhb@zz.example.gov.cn'],
      ['410105', 'jshb@zz.example.gov.cn'],
    ]) {
      const r = await p.call('PUT', '/bureau-mailboxes', { token: command, body: { divisionCode, email } });
      expect(r.statusCode).toBe(200);
    }
  });
  afterAll(async () => {
    await p.close();
    await sink.close();
  });

  it('sets bureau mailboxes with validation, scope and an audit entry', async () => {
    const leader = (
      await makeUser(p, [
        { role: 'leader', groupId: (await makeTeam(p, { city: '4102', number: 99 })).group.id },
      ])
    ).token;
    expect(
      (
        await p.call('PUT', '/bureau-mailboxes', {
          token: command,
          body: { divisionCode: '410102', email: '不是邮箱' },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await p.call('PUT', '/bureau-mailboxes', {
          token: command,
          body: { divisionCode: '41', email: 'hn@example.gov.cn' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await p.call('PUT', '/bureau-mailboxes', {
          token: leader,
          body: { divisionCode: '410102', email: 'zy@example.gov.cn' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await p.call('GET', '/bureau-mailboxes', { token: leader })).statusCode).toBe(403);
    const cities = (await p.call('GET', '/bureau-mailboxes', { token: command })).json().items;
    expect(cities).toHaveLength(18);
    expect(cities.find((c: { divisionCode: string }) => c.divisionCode === '4101')).toMatchObject({
      divisionName: '郑州市',
      email: 'zzhb@zz.example.gov.cn',
    });
    expect(cities.find((c: { divisionCode: string }) => c.divisionCode === '419001')).toMatchObject({
      level: 'city',
      email: null,
    });
    const counties = (await p.call('GET', '/bureau-mailboxes?parent=4101', { token: command })).json().items;
    expect(counties.find((c: { divisionCode: string }) => c.divisionCode === '410105')).toMatchObject({
      email: 'jshb@zz.example.gov.cn',
      inherited: null,
    });
    expect(counties.find((c: { divisionCode: string }) => c.divisionCode === '410102')).toMatchObject({
      email: null,
      inherited: { divisionCode: '4101', email: 'zzhb@zz.example.gov.cn' },
    });
    const audits = await p.ctx.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'bureau_mailbox.set')
      .orderBy('seq')
      .execute();
    expect(audits.map((a) => a.entity_id)).toEqual(['4101', '410105']);
  });

  it('mails the 交办单 as a Word attachment to the county bureau right after the handover', async () => {
    const h = await handedOver(p);
    await p.jobs.idle(); // the handover kicked the drain
    const mail = sink.messages.find((m) => m.subject?.includes(h.number));
    expect(mail, 'delivered').toBeDefined();
    expect(mail!.rcpt).toEqual(['jshb@zz.example.gov.cn']);
    expect(mail!.from?.text).toContain('ahc@hnep.example.gov.cn');
    expect(mail!.text).toContain(`交办单编号：${h.number}`);
    const doc = mail!.attachments.find((a) => a.filename?.endsWith('.docx'));
    expect(doc).toBeDefined();
    expect(doc!.content.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = strFromU8(unzipSync(new Uint8Array(doc!.content))['word/document.xml']!);
    expect(xml).toContain(h.number);
    const row = await outboxOf(p, h.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(row.sent_at).toBeTruthy();
    const audit = await p.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'data'])
      .where('entity_id', '=', row.id)
      .execute();
    // The attachment was issued as a copy of its own (its verification code in the document), then sent.
    expect(audit.map((a) => a.action)).toEqual(['mail.attachment', 'mail.sent']);
    const issued = JSON.parse(audit[0]!.data);
    expect(issued).toMatchObject({ kind: 'handover_docx', refId: h.id });
    expect(xml).toContain(issued.code);
    expect(JSON.parse(audit[1]!.data)).toMatchObject({ kind: 'handover', refId: h.id });
  });

  it("sends a county without its own mailbox to its city's", async () => {
    const h = await handedOver(p, '410102');
    await p.jobs.idle();
    expect(sink.messages.find((m) => m.subject?.includes(h.number))!.rcpt).toEqual([
      'zzhb@zz.example.gov.cn',
    ]);
  });

  it('sends each mail once when two instances drain at the same time', async () => {
    const subjects = Array.from({ length: 8 }, (_, i) => `并发发送测试 ${target} ${i}`);
    await p.ctx.db.transaction().execute(async (tx) => {
      for (const subject of subjects)
        await enqueueMail(p.ctx.withTx(tx), {
          kind: 'test',
          refId: null,
          to: 'desk@example.gov.cn',
          subject,
          text: '测试',
        });
    });
    const other = createMailSender(p.ctx); // a second instance: its own SMTP connection, same database
    const [a, b] = await Promise.all([p.mail.drain(), other.drain()]);
    other.close();
    expect(a.sent + b.sent).toBe(subjects.length);
    for (const s of subjects)
      expect(
        sink.messages.filter((m) => m.subject === s),
        s,
      ).toHaveLength(1);
    const rows = await p.ctx.db
      .selectFrom('mail_outbox')
      .select(['status', 'attempts'])
      .where('kind', '=', 'test')
      .execute();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('lists the outbox for command with counts, and retries a failed mail on request', async () => {
    const failed = await p.ctx.db.transaction().execute((tx) =>
      enqueueMail(p.ctx.withTx(tx), {
        kind: 'test',
        refId: null,
        to: 'retry@example.gov.cn',
        subject: `重发测试 ${target}`,
        text: '测试',
      }),
    );
    await p.ctx.db
      .updateTable('mail_outbox')
      .set({ status: 'failed', attempts: 8, last_error: '550 mailbox unavailable' })
      .where('id', '=', failed)
      .execute();
    let r = await p.call('GET', '/mail/outbox?status=failed', { token: command });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ smtpConfigured: true, pending: 0, failed: 1 });
    expect(r.json().items[0]).toMatchObject({
      id: failed,
      status: 'failed',
      attempts: 8,
      lastError: '550 mailbox unavailable',
      to: 'retry@example.gov.cn',
    });
    const sent = (await p.call('GET', '/mail/outbox?status=sent&limit=1', { token: command })).json();
    expect(sent.items).toHaveLength(1);
    expect(sent.nextCursor).toBeTruthy();
    expect(
      (
        await p.call('GET', `/mail/outbox?status=sent&limit=1&cursor=${sent.nextCursor}`, { token: command })
      ).json().items[0].id,
    ).not.toBe(sent.items[0].id);

    r = await p.call('POST', `/mail/outbox/${failed}/retry`, { token: command });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'pending', attempts: 0 });
    await p.jobs.idle();
    expect(sink.messages.filter((m) => m.subject === `重发测试 ${target}`)).toHaveLength(1);
    expect((await p.call('POST', `/mail/outbox/${failed}/retry`, { token: command })).statusCode).toBe(409);
    const inspector = (
      await makeUser(p, [
        { role: 'inspector', groupId: (await makeTeam(p, { city: '4103', number: 98 })).group.id },
      ])
    ).token;
    expect((await p.call('GET', '/mail/outbox', { token: inspector })).statusCode).toBe(403);
    const audit = await p.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'mail.retry')
      .executeTakeFirstOrThrow();
    expect(audit.entity_id).toBe(failed);
  });
});
