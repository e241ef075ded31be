import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDailyPackages } from '../src/modules/reports/packages.service.ts';
import { testTargets } from './databases.ts';
import { makeUser } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { freePort, handedOver, smtpSink } from './mail.support.ts';
import { checkDocxZip } from './office.support.ts';
import { caseBody, setReportMailbox, violationWithPhotos } from './reports.support.ts';

const MAILBOX = 'ahfk@sthjt.example.gov.cn';

async function robot() {
  const received: { markdown: { content: string } }[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push(JSON.parse(body));
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/webhook/send?key=t`,
    received,
    close: () => server.close(),
  };
}

/**
 * The server's clock runs in UTC and the campaign in Shanghai: 19:00 there is 11:00Z, 20:00
 * is 12:00Z. A simulated day drives the minute job.
 */
describe.each(testTargets())('daily package on %s', (target) => {
  let p: TestPlatform;
  let port: number;
  let sink: Awaited<ReturnType<typeof smtpSink>> | null = null;
  let bot: Awaited<ReturnType<typeof robot>>;
  let v: Awaited<ReturnType<typeof violationWithPhotos>>;
  let handoverNumber: string;
  const pkg = async (token: string) =>
    (await p.call('GET', `/daily-packages?date=2020-10-20&groupId=${v.group.id}`, { token })).json().items[0];

  beforeAll(async () => {
    port = await freePort();
    bot = await robot();
    p = await startPlatform(
      target,
      { smtpUrl: `smtp://ancha:s3cret@127.0.0.1:${port}`, webhookUrl: bot.url },
      { now: '2020-10-20T03:00:00Z' },
    );
    await setReportMailbox(p, MAILBOX);
    v = await violationWithPhotos(p);
    handoverNumber = (await handedOver(p)).number;
    await p.jobs.idle();
  });
  afterAll(async () => {
    await p.close();
    await sink?.close();
    bot.close();
  });

  it('warns at 19:00 Shanghai (11:00 UTC) with what is missing, in the console and the robot', async () => {
    p.clock.set('2020-10-20T10:59:00Z');
    await p.jobs.runJobNow('reports.daily');
    expect((await pkg(v.leader.token)).warnedAt).toBeNull();
    p.clock.set('2020-10-20T11:00:00Z');
    await p.jobs.runJobNow('reports.daily');
    await p.idle();
    const item = await pkg(v.leader.token);
    expect(item.warnedAt).toBe('2020-10-20T11:00:00.000Z');
    const codes = item.missing.map((m: { code: string }) => m.code);
    expect(codes).toContain('typical_case_missing');
    expect(codes).toContain('team_sites_short');
    const msg = bot.received.find((b) => b.markdown.content.includes('每日报送提醒'));
    expect(msg?.markdown.content).toContain('尚未提交典型案例');
    // Once: a later minute does not warn again.
    p.clock.set('2020-10-20T11:05:00Z');
    await p.jobs.runJobNow('reports.daily');
    await p.idle();
    expect(bot.received.filter((b) => b.markdown.content.includes('每日报送提醒'))).toHaveLength(1);

    // The phone's home shows the same, the whole group to its leader, only their own team to an inspector.
    p.clock.set('2020-10-20T11:10:00Z');
    const mine = async (token: string) => {
      const r = await p.call('GET', '/me/daily-package-warning', { token });
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    const leader = await mine(v.leader.token);
    expect(leader.asOf).toBe('2020-10-20T11:10:00.000Z');
    expect(leader.date).toBe('2020-10-20');
    expect(leader.groups).toHaveLength(1);
    const g = leader.groups[0];
    expect(g).toMatchObject({
      groupNumber: v.group.number,
      forTeamNumber: null,
      warningAt: '2020-10-20T11:00:00.000Z',
    });
    expect(g.missing.map((m: { code: string }) => m.code)).toEqual(
      expect.arrayContaining(['typical_case_missing', 'team_sites_short']),
    );

    const inspector = (await mine(v.inspector.token)).groups[0];
    expect(inspector.forTeamNumber).toBe(v.team.number);
    expect(inspector.missing.length).toBeGreaterThan(0);
    expect(inspector.missing.every((m: { teamNumber?: number }) => m.teamNumber === v.team.number)).toBe(
      true,
    );
    // The group's typical case is the leader's to finish, not the inspector's.
    expect(inspector.missing.map((m: { code: string }) => m.code)).not.toContain('typical_case_missing');

    const bureau = await makeUser(p, [{ role: 'bureau', divisionCode: '4101' }]);
    expect((await p.call('GET', '/me/daily-package-warning', { token: bureau.token })).statusCode).toBe(403);
    const c = await p.call('POST', '/typical-cases', { token: v.inspector.token, body: caseBody(v) });
    expect(c.statusCode, c.body).toBe(201);
    expect((await pkg(v.leader.token)).missing.map((m: { code: string }) => m.code)).not.toContain(
      'typical_case_missing',
    );
  });

  it('prepares at 19:55 with SMTP down, delivers once when it is back at 20:10: sent late, prepared on time', async () => {
    p.clock.set('2020-10-20T11:55:00Z');
    await p.jobs.runJobNow('reports.daily');
    await p.idle();
    let item = await pkg(v.leader.token);
    expect(item.preparedAt).toBe('2020-10-20T11:55:00.000Z');
    expect(item.state).toBe('pending');
    p.clock.set('2020-10-20T12:01:00Z');
    item = await pkg(v.leader.token);
    expect(item.overdue).toBe(true);
    expect(item.text).toContain('未按时上报');
    expect(item.lastError).toMatch(/ECONNREFUSED/);
    expect(item.text).toContain('原因');

    sink = await smtpSink(port);
    p.clock.set('2020-10-20T12:10:00Z');
    await p.jobs.runJobNow('reports.daily'); // a later minute: no second package
    await p.jobs.runJobNow('mail.drain');
    await p.idle();
    item = await pkg(v.leader.token);
    expect(item.state).toBe('sent_late');
    expect(item.preparedOnTime).toBe(true);
    expect(item.sentAt).toBe('2020-10-20T12:10:00.000Z');
    expect(item.text).toContain('20:10');

    const mails = sink.messages.filter((m) => m.subject?.includes('每日报送'));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.rcpt).toEqual([MAILBOX]);
    expect(mail.subject).toBe('【暗访核查每日报送】第1组（驻郑州市暗访核查组）10月20日');
    const names = mail.attachments.map((a) => a.filename);
    expect(names).toContain(`交办单${handoverNumber}.docx`);
    expect(names.some((n) => n?.startsWith('典型案例_'))).toBe(true);
    const xlsx = mail.attachments.find((a) => a.filename?.endsWith('.xlsx'))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.content as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getCell('A1').text).toContain('问题清单');
    const caseDoc = mail.attachments.find((a) => a.filename?.startsWith('典型案例_'))!;
    await checkDocxZip(caseDoc.content, ['执法人员张三、李四']);
  });

  it('sends by hand later with what changed, named item by item; refuses a send with nothing new', async () => {
    p.clock.set('2020-10-20T12:20:00Z');
    // Nothing changed since the 20:00 mail: a send by hand would tell the mailbox nothing.
    const same = await p.call('POST', '/daily-packages/send', {
      token: v.leader.token,
      body: { groupId: v.group.id, date: '2020-10-20' },
    });
    expect(same.statusCode, same.body).toBe(409);
    expect(same.json().error.message).toContain('内容相同，无需再次报送');

    // The typical case is corrected after the mail went.
    const cases = (
      await p.call('GET', `/typical-cases?inspectionId=${v.inspectionId}`, { token: v.leader.token })
    ).json().items;
    p.clock.set('2020-10-20T12:25:00Z');
    const edit = await p.call('PUT', `/typical-cases/${cases[0].id}`, {
      token: v.inspector.token,
      body: caseBody(v, { companyName: '郑州市高峰建材股份有限公司' }),
    });
    expect(edit.statusCode, edit.body).toBe(200);

    p.clock.set('2020-10-20T12:30:00Z');
    const r = await p.call('POST', '/daily-packages/send', {
      token: v.leader.token,
      body: { groupId: v.group.id, date: '2020-10-20' },
    });
    expect(r.statusCode, r.body).toBe(200);
    await p.jobs.runJobNow('mail.drain');
    await p.idle();
    const mails = sink!.messages.filter((m) => m.subject?.includes('每日报送'));
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toContain('（更新）');
    expect(mails[1]!.text).toContain('更新典型案例1份');
    expect(mails[1]!.text).toContain('更新：典型案例“郑州市高峰建材股份有限公司”');
    // Only what changed travels again; the handover and the list stay in the first mail.
    expect(mails[1]!.attachments.map((a) => a.filename)).toEqual([
      '典型案例_郑州市高峰建材股份有限公司.docx',
    ]);
    const sends = r.json().sends;
    expect(sends).toHaveLength(2);
    expect(sends[1].changes).toEqual(['更新：典型案例“郑州市高峰建材股份有限公司”']);
    expect(sends[0].changes).toEqual([]);
    // The first delivery stays the package's state.
    expect(r.json().state).toBe('sent_late');
    const bureau = await makeUser(p, [{ role: 'bureau', divisionCode: '4101' }]);
    expect(
      (
        await p.call('POST', '/daily-packages/send', {
          token: bureau.token,
          body: { groupId: v.group.id, date: '2020-10-20' },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe.each(testTargets())('daily package with two instances on %s', (target) => {
  let p: TestPlatform;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let v: Awaited<ReturnType<typeof violationWithPhotos>>;
  beforeAll(async () => {
    sink = await smtpSink();
    p = await startPlatform(target, { smtpUrl: sink.url }, { now: '2020-10-21T03:00:00Z' });
    v = await violationWithPhotos(p);
    // Command sets the campaign's mailbox; a leader may not.
    const command = (await makeUser(p, [{ role: 'command' }], { displayName: '调度组王五' })).token;
    const url = `/campaigns/${v.round.campaign_id}/report-settings`;
    expect(
      (await p.call('PUT', url, { token: v.leader.token, body: { reportMailbox: MAILBOX } })).statusCode,
    ).toBe(403);
    expect(
      (await p.call('PUT', url, { token: command, body: { reportMailbox: 'not-a-mailbox' } })).statusCode,
    ).toBe(400);
    expect((await p.call('GET', url, { token: command })).json().lastChange).toBeNull();
    const bad = await p.call('PUT', url, { token: command, body: { reportMailbox: `${MAILBOX}；ahfk@` } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('邮箱格式不正确：ahfk@');
    const late = await p.call('PUT', url, {
      token: command,
      body: { dailyPackage: { warningTime: '20:30', sendTime: '20:00' } },
    });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('提醒时间须早于上报截止时间');
    // Several mailboxes, typed the way people type them, kept as the mailer takes them.
    const two = await p.call('PUT', url, {
      token: command,
      body: { reportMailbox: `${MAILBOX}；copy@sthjt.example.gov.cn` },
    });
    expect(two.statusCode, two.body).toBe(200);
    expect(two.json().reportMailbox).toBe(`${MAILBOX}, copy@sthjt.example.gov.cn`);
    const set = await p.call('PUT', url, { token: command, body: { reportMailbox: MAILBOX } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({
      reportMailbox: MAILBOX,
      dailyPackage: { warningTime: '19:00', sendTime: '20:00' },
      webhookConfigured: false,
      lastChange: { by: '调度组王五', at: '2020-10-21T03:00:00.000Z' },
    });
    const read = (await p.call('GET', url, { token: command })).json();
    expect(read).toEqual(set.json());
  });
  afterAll(async () => {
    await p.close();
    await sink.close();
  });

  it('sends one mail for a group and day however many instances run the deadline', async () => {
    p.clock.set('2020-10-21T11:55:30Z');
    const results = await Promise.all([
      runDailyPackages(p.ctx),
      runDailyPackages(p.ctx),
      runDailyPackages(p.ctx),
    ]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(1);
    await p.jobs.runJobNow('mail.drain');
    await p.idle();
    expect(sink.messages.filter((m) => m.subject?.includes('10月21日'))).toHaveLength(1);
    const item = (
      await p.call('GET', `/daily-packages?date=2020-10-21&groupId=${v.group.id}`, { token: v.leader.token })
    ).json().items[0];
    expect(item.state).toBe('sent');
    expect(item.text).toContain('已按时上报');
  });

  it('adds no mail at the deadline after a send by hand when nothing changed', async () => {
    p.clock.set('2020-10-22T10:00:00Z');
    const leader = await p.login(v.leader.username);
    const r = await p.call('POST', '/daily-packages/send', {
      token: leader,
      body: { groupId: v.group.id, date: '2020-10-22' },
    });
    expect(r.statusCode, r.body).toBe(200);
    p.clock.set('2020-10-22T11:56:00Z');
    await p.jobs.runJobNow('reports.daily');
    await p.jobs.runJobNow('mail.drain');
    await p.idle();
    expect(sink.messages.filter((m) => m.subject?.includes('10月22日'))).toHaveLength(1);
    const item = (
      await p.call('GET', `/daily-packages?date=2020-10-22&groupId=${v.group.id}`, { token: leader })
    ).json().items[0];
    expect(item.sends.map((s: { summary: string }) => s.summary)[1]).toContain('未再发送');
    expect(item.state).toBe('sent');
  });
});
