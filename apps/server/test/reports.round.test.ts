import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeUser } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { checkDocxZip, officeConvert } from './office.support.ts';
import { violationWithPhotos } from './reports.support.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(testTargets())('round report on %s', (target) => {
  let p: TestPlatform;
  let v: Awaited<ReturnType<typeof violationWithPhotos>>;
  let command: string;
  let reportId: string;
  let signedBytes: Buffer;

  const record = async (o: {
    outcome: string;
    problems: string[];
    category?: string;
    kind?: 'industrial' | 'construction_site';
  }) => {
    const site = await makeSite(p, { county: '410105', kind: o.kind });
    const body = inspectionBody(v.team.id, site.id, {
      outcome: o.outcome as 'no_problem',
      category: (o.category ?? 'dust') as 'dust',
      subtype: o.category ? 'small_boiler' : 'construction_site',
      problems: o.problems.map((description) => ({ description })),
    });
    const res = await p.call('POST', '/inspections', { token: v.inspector.token, body });
    expect(res.statusCode, res.body).toBe(201);
    return body.id;
  };
  const mine = async (token = v.leader.token) =>
    (await p.call('GET', `/round-reports?roundId=${v.round.id}&groupId=${v.group.id}`, { token })).json()
      .items[0];

  beforeAll(async () => {
    p = await startPlatform(target, {}, { now: '2020-10-22T03:00:00Z' });
    v = await violationWithPhotos(p, { photos: 1 });
    command = (await makeUser(p, [{ role: 'command' }])).token;
    await record({ outcome: 'no_problem', problems: [] });
    await record({ outcome: 'needs_rectification', problems: ['物料堆场未苫盖', '道路未洒水'] });
    await record({ outcome: 'suspected_violation', problems: ['燃煤锅炉未拆除'], category: 'loose_coal' });
    const problem = await p.ctx.db
      .selectFrom('problems')
      .select('id')
      .where('inspection_id', '=', v.inspectionId)
      .executeTakeFirstOrThrow();
    const s = await p.call('POST', `/problems/${problem.id}/transitions`, {
      token: v.leader.token,
      body: { action: 'submit', proposeCaseFiling: true },
    });
    expect(s.statusCode, s.body).toBe(200);
  });
  afterAll(() => p.close());

  it('drafts section 一 and 二 with numbers counted from the records', async () => {
    const db = p.ctx.db;
    const where = { round: v.round.id, group: v.group.id };
    const insp = await db
      .selectFrom('inspections')
      .select(['site_id'])
      .where('round_id', '=', where.round)
      .where('group_id', '=', where.group)
      .execute();
    const probs = await db
      .selectFrom('problems')
      .select(['site_id', 'propose_case_filing', 'category'])
      .where('round_id', '=', where.round)
      .where('group_id', '=', where.group)
      .execute();
    const r = await mine();
    expect(r.state).toBe('not_started');
    expect(r.figures).toMatchObject({
      sitesInspected: new Set(insp.map((i) => i.site_id)).size,
      sitesWithProblems: new Set(probs.map((x) => x.site_id)).size,
      problems: probs.length,
      proposedForCaseFiling: probs.filter((x) => x.propose_case_filing).length,
    });
    expect(r.figures).toMatchObject({
      sitesInspected: 4,
      sitesWithProblems: 3,
      problems: 4,
      proposedForCaseFiling: 1,
    });
    expect(r.sections.overview).toBe(
      '10月19日至11月5日，暗访核查组共检查点位4个，问题点位3个，存在问题4个，建议移交立案处罚1个。',
    );
    expect(r.sections.prominent).toContain('扬尘治理');
    expect(r.reportDueDate).toBe('2020-11-10');
  });

  it('is signed by the leader’s own account, stored, and stays byte-identical after the data changes', async () => {
    const saved = await p.call('PUT', '/round-reports', {
      token: v.leader.token,
      body: {
        roundId: v.round.id,
        groupId: v.group.id,
        recommendations: '建议加强对城乡结合部散乱污企业的常态化监管。',
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    reportId = saved.json().id;
    expect(saved.json().state).toBe('draft');
    // Another group's leader cannot sign it; command cannot sign at all.
    const other = await makeUser(p, [
      {
        role: 'leader',
        groupId: (
          await p.ctx.db
            .selectFrom('inspection_groups')
            .select('id')
            .where('number', '=', 2)
            .executeTakeFirstOrThrow()
        ).id,
      },
    ]);
    const body = { contentHash: saved.json().contentHash, confirmed: true };
    expect(
      (await p.call('POST', `/round-reports/${reportId}/signature`, { token: other.token, body })).statusCode,
    ).toBe(404);
    expect(
      (await p.call('POST', `/round-reports/${reportId}/signature`, { token: command, body })).statusCode,
    ).toBe(403);
    expect(
      (
        await p.call('POST', `/round-reports/${reportId}/signature`, {
          token: v.leader.token,
          body: { ...body, contentHash: '0'.repeat(64) },
        })
      ).statusCode,
    ).toBe(409);

    p.clock.set('2020-11-09T02:00:00Z');
    // Days later: fresh sessions (the old ones have expired).
    v.leader.token = await p.login(v.leader.username);
    v.inspector.token = await p.login(v.inspector.username);
    command = (await makeUser(p, [{ role: 'command' }])).token;
    const signed = await p.call('POST', `/round-reports/${reportId}/signature`, {
      token: v.leader.token,
      body,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({
      state: 'submitted',
      signedByName: v.leader.displayName,
      signedAt: '2020-11-09T02:00:00.000Z',
    });
    const dl = await p.call('GET', `/round-reports/${reportId}/document.docx`, { token: command });
    signedBytes = dl.rawPayload;
    expect(sha(signedBytes)).toBe(signed.json().sha256);
    await checkDocxZip(signedBytes, [
      '暗访核查工作报告',
      '一、工作整体开展情况',
      '共检查点位4个',
      '三、工作建议',
      `组长签字：${v.leader.displayName}`,
    ]);
    const audit = await p.ctx.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'round_report.sign')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.data).sha256).toBe(signed.json().sha256);

    await record({ outcome: 'suspected_violation', problems: ['渣土车未密闭'] });
    const again = await p.call('GET', `/round-reports/${reportId}/document.docx`, { token: v.leader.token });
    expect(Buffer.compare(again.rawPayload, signedBytes)).toBe(0);
    expect((await mine()).figures.problems).toBe(5); // the data moved on; the signed file did not

    const pdf = target === 'sqlite' ? await officeConvert(signedBytes) : null;
    if (pdf) {
      expect(pdf.pages).toBeGreaterThanOrEqual(1);
      expect(pdf.text).toContain('共检查点位4个，问题点位3个，存在问题4个，建议移交立案处罚1个');
    }
  }, 120_000);

  it('verifies the signed file by its code and hash; an altered file does not match', async () => {
    const row = await p.ctx.db
      .selectFrom('round_reports')
      .select(['code', 'sha256'])
      .where('id', '=', reportId)
      .executeTakeFirstOrThrow();
    const found = await p.call('GET', `/documents/verify/${row.code}`, { token: command });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({
      sha256: row.sha256,
      title: '暗访核查工作报告',
      issuer: '郑州市暗访核查组',
    });
    const ok = await p.call('POST', `/documents/verify/${row.code}`, {
      token: command,
      body: { sha256: sha(signedBytes) },
    });
    expect(ok.json().matches).toBe(true);
    const altered = Buffer.concat([signedBytes, Buffer.from(' ')]);
    expect(
      (
        await p.call('POST', `/documents/verify/${row.code}`, {
          token: command,
          body: { sha256: sha(altered) },
        })
      ).json().matches,
    ).toBe(false);
  });

  it('makes a correction a new version, marked late after the due date; command sees all 18', async () => {
    p.clock.set('2020-11-11T02:00:00Z');
    const saved = await p.call('PUT', '/round-reports', {
      token: await p.login(v.leader.username),
      body: {
        roundId: v.round.id,
        groupId: v.group.id,
        recommendations: '更正：建议加强对渣土车的夜间巡查。',
      },
    });
    expect(saved.json()).toMatchObject({ version: 2, state: 'draft', overdue: true });
    const leader = await p.login(v.leader.username);
    const signed = await p.call('POST', `/round-reports/${saved.json().id}/signature`, {
      token: leader,
      body: { contentHash: saved.json().contentHash, confirmed: true },
    });
    expect(signed.json().state).toBe('submitted_late');
    expect(signed.json().text).toContain('逾期上报');
    const v1 = await p.call('GET', `/round-reports/${reportId}/document.docx`, { token: leader });
    expect(Buffer.compare(v1.rawPayload, signedBytes)).toBe(0);

    const cmd = await makeUser(p, [{ role: 'command' }]);
    const all = (await p.call('GET', `/round-reports?roundId=${v.round.id}`, { token: cmd.token })).json()
      .items;
    expect(all).toHaveLength(18);
    expect(all.filter((r: { state: string }) => r.state === 'not_started')).toHaveLength(17);
    const bureau = await makeUser(p, [{ role: 'bureau', divisionCode: '4101' }]);
    expect(
      (await p.call('GET', `/round-reports?roundId=${v.round.id}`, { token: bureau.token })).statusCode,
    ).toBe(403);
    expect(
      (await p.call('GET', `/round-reports/${reportId}/document.docx`, { token: bureau.token })).statusCode,
    ).toBe(403);
  });
});
