import { createHash, randomBytes } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { inspectionBody, makeRosterPerson, makeSite, makeTeam, makeUser, planCampaign } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { jpeg, multipart } from './uploads.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

describe.each(testTargets())('problems to fixes on %s', (target) => {
  let p: TestPlatform;
  let zz: Team;
  let leader: string;
  let command: string;
  let bureau: string; // 金水区 bureau: the inspected county
  let otherBureau: string; // 中原区 bureau: same city, another county
  let cityBureau: string; // 郑州市 bureau
  beforeAll(async () => {
    p = await startPlatform(target);
    p.clock.set('2020-10-20T08:00:00Z');
    zz = await makeTeam(p, { city: '4101' });
    leader = (await makeUser(p, [{ role: 'leader', groupId: zz.group.id }])).token;
    command = (await makeUser(p, [{ role: 'command' }])).token;
    bureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '410105' }])).token;
    otherBureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '410102' }])).token;
    cityBureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '4101' }])).token;
  });
  afterAll(() => p.close());

  async function violation(description = '中频炉废气未收集，无组织排放') {
    const site = await makeSite(p, {
      county: '410105',
      name: `金水区某铸造厂${Math.random().toString(36).slice(2, 6)}`,
    });
    const body = inspectionBody(zz.team.id, site.id, {
      outcome: 'suspected_violation',
      problems: [{ description }],
    });
    const r = await p.call('POST', '/inspections', { token: zz.inspector.token, body });
    expect(r.statusCode).toBe(201);
    const list = (
      await p.call('GET', `/problems?q=${encodeURIComponent(description)}`, { token: command })
    ).json().items;
    return {
      problemId: list.find((x: { inspectionId: string }) => x.inspectionId === body.id).id as string,
      site,
    };
  }
  const act = (token: string, id: string, body: object) =>
    p.call('POST', `/problems/${id}/transitions`, { token, body });

  it('follows a suspected violation from the field record to closing, with return, resubmission and a second handover', async () => {
    const { problemId } = await violation();
    const created = await p.ctx.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'inspection.create')
      .execute();
    expect(created.some((a) => (JSON.parse(a.data).problemIds as string[]).includes(problemId))).toBe(true);
    let r = await p.call('GET', `/problems/${problemId}`, { token: leader });
    expect(r.json()).toMatchObject({ state: 'draft', kind: 'violation', allowedActions: ['submit'] });
    expect((await p.call('GET', `/problems/${problemId}`, { token: command })).json().allowedActions).toEqual(
      [],
    );

    const submitId = '0192f000-0000-7000-8000-0000000000aa';
    expect(
      (await act(leader, problemId, { action: 'submit', proposeCaseFiling: true, clientId: submitId })).json()
        .state,
    ).toBe('submitted');
    // The phone retries after a lost answer: the same result, not a 409.
    const retry = await act(leader, problemId, {
      action: 'submit',
      proposeCaseFiling: true,
      clientId: submitId,
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().state).toBe('submitted');
    expect(
      (await act(leader, problemId, { action: 'return', reason: 'x', clientId: submitId })).statusCode,
    ).toBe(409);
    const returned = await act(command, problemId, {
      action: 'return',
      reason: '证据不足，请补充排放口照片',
    });
    expect(returned.json()).toMatchObject({ state: 'returned' });
    expect((await act(leader, problemId, { action: 'submit' })).json().state).toBe('submitted');
    expect((await act(command, problemId, { action: 'approve' })).json()).toMatchObject({
      state: 'approved',
      proposeCaseFiling: true,
    });

    r = await act(command, problemId, {
      action: 'hand_over',
      bureauDivisionCode: '410105',
      deadline: '2020-10-30',
    });
    expect(r.statusCode).toBe(200);
    const first = r.json().handover;
    expect(first).toMatchObject({
      number: expect.stringMatching(/^豫环暗查〔2020〕[1-9]\d*号$/),
      bureauDivision: { code: '410105', name: '金水区' },
      deadline: '2020-10-30',
    });

    expect((await p.call('GET', `/problems/${problemId}`, { token: bureau })).json().allowedActions).toEqual([
      'receive',
    ]);
    expect((await act(bureau, problemId, { action: 'receive' })).json().state).toBe('received');
    r = await act(bureau, problemId, {
      action: 'submit_feedback',
      investigation: '经查属实',
      measures: '已责令停产整改，安装集气罩',
      caseFiled: true,
      caseNumber: '金环罚〔2020〕15号',
      penaltyYuan: 50000,
    });
    expect(r.json()).toMatchObject({
      state: 'feedback_submitted',
      handover: { feedback: { caseFiled: true, caseNumber: '金环罚〔2020〕15号', penaltyYuan: 50000 } },
    });

    // 回头看 lands with the group stationed in 郑州 and shows on its task list.
    const tasks = (await p.call('GET', '/tasks?kind=follow_up&state=open', { token: leader })).json().items;
    const task = tasks.find((t: { sourceId: string }) => t.sourceId === problemId);
    expect(task).toMatchObject({
      kind: 'follow_up',
      state: 'open',
      title: expect.any(String),
      followUp: { problemId, problemState: 'feedback_submitted', handoverNumber: expect.any(String) },
    });

    r = await act(zz.inspector.token, problemId, {
      action: 'follow_up',
      rectified: false,
      findings: '集气罩已装但风机未运行',
      deadline: '2020-11-04',
    });
    expect(r.json().state).toBe('handed_over');
    const second = r.json().handover;
    expect(second.number).not.toBe(first.number);
    expect(second.deadline).toBe('2020-11-04');

    await act(bureau, problemId, { action: 'receive' });
    await act(bureau, problemId, {
      action: 'submit_feedback',
      investigation: '复查',
      measures: '风机已恢复运行',
      caseFiled: false,
    });
    r = await act(leader, problemId, { action: 'follow_up', rectified: true, findings: '现场整改到位' });
    expect(r.json()).toMatchObject({ state: 'closed', allowedActions: [] });
    expect(r.json().closedAt).toBeTruthy();

    const detail = (await p.call('GET', `/problems/${problemId}`, { token: command })).json();
    expect(detail.handovers).toHaveLength(2);
    expect(detail.history.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'submit',
      'return',
      'submit',
      'approve',
      'hand_over',
      'receive',
      'submit_feedback',
      'follow_up',
      'receive',
      'submit_feedback',
      'follow_up',
    ]);
    expect(detail.history[2].data.reason).toBe('证据不足，请补充排放口照片');
    const audits = await p.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', problemId)
      .execute();
    expect(audits).toHaveLength(11);
  });

  it('answers an illegal action with 409, the current state and the open actions', async () => {
    const { problemId } = await violation('危废露天堆放');
    const r = await act(command, problemId, { action: 'approve' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toMatchObject({
      code: 'invalid_transition',
      details: { state: 'draft', allowedActions: [] },
    });
    const byBureau = await act(bureau, problemId, { action: 'receive' });
    expect(byBureau.statusCode).toBe(404); // not handed over: it does not exist for the bureau
    const bad = await act(command, problemId, { action: 'return' });
    expect(bad.statusCode).toBe(400);
    expect((await act(leader, problemId, { action: 'submit' })).statusCode).toBe(200);
    await act(command, problemId, { action: 'approve' });
    const wrongCity = await act(command, problemId, {
      action: 'hand_over',
      bureauDivisionCode: '410202',
      deadline: '2020-10-30',
    });
    expect(wrongCity.statusCode).toBe(400);
    const past = await act(command, problemId, {
      action: 'hand_over',
      bureauDivisionCode: '410105',
      deadline: '2020-10-01',
    });
    expect(past.statusCode).toBe(400);
    expect((await p.call('GET', `/problems/${problemId}`, { token: command })).json().state).toBe('approved');
  });

  it('gives concurrent handovers distinct, consecutive numbers', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { problemId } = await violation(`并发交办测试${i}`);
      await act(leader, problemId, { action: 'submit' });
      await act(command, problemId, { action: 'approve' });
      ids.push(problemId);
    }
    const results = await Promise.all(
      ids.map((id) =>
        act(command, id, { action: 'hand_over', bureauDivisionCode: '410105', deadline: '2020-10-30' }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    const seqs = results
      .map((r) => Number(/〕(\d+)号/.exec(r.json().handover.number)![1]))
      .sort((a, b) => a - b);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1]! + 1);
    const all = await p.ctx.db.selectFrom('handovers').select('seq').orderBy('seq').execute();
    expect(all.map((h) => h.seq)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
  });

  it('keeps a problem invisible to every bureau until handover, then shows it only to the addressed ones', async () => {
    const { problemId, site } = await violation('秘密测试：未批先建');
    const sees = async (token: string) => {
      const detail = await p.call('GET', `/problems/${problemId}`, { token });
      const list = (await p.call('GET', '/problems', { token }))
        .json()
        .items.map((x: { id: string }) => x.id);
      const search = (await p.call('GET', `/problems?q=${encodeURIComponent('秘密测试')}`, { token })).json()
        .items.length;
      return { detail: detail.statusCode, inList: list.includes(problemId), search };
    };
    for (const token of [bureau, otherBureau, cityBureau]) {
      expect(await sees(token)).toEqual({ detail: 404, inList: false, search: 0 });
      for (const url of ['/inspections', `/sites/${site.id}`, '/tasks', `/rounds/${zz.round.id}/teams`]) {
        expect((await p.call('GET', url, { token })).statusCode, url).toBe(403);
      }
    }
    await act(leader, problemId, { action: 'submit' });
    await act(command, problemId, { action: 'approve' });
    expect(await sees(bureau)).toEqual({ detail: 404, inList: false, search: 0 }); // approved, not yet handed over
    await act(command, problemId, {
      action: 'hand_over',
      bureauDivisionCode: '410105',
      deadline: '2020-10-30',
    });
    expect(await sees(bureau)).toEqual({ detail: 200, inList: true, search: 1 });
    expect(await sees(cityBureau)).toEqual({ detail: 200, inList: true, search: 1 }); // a city bureau sees its counties'
    expect(await sees(otherBureau)).toEqual({ detail: 404, inList: false, search: 0 });
    const seen = (await p.call('GET', `/problems/${problemId}`, { token: bureau })).json();
    // From the handover on, never the province's internal steps.
    expect(seen.history.map((e: { action: string }) => e.action)).toEqual(['hand_over']);
    expect((await act(otherBureau, problemId, { action: 'receive' })).statusCode).toBe(404);
  });

  it('shows the inspected side the group and the province’s contact, never the inspectors or internal accounts', async () => {
    const { problemId } = await violation('对外口径测试：废气直排');
    // The group's liaison is the contact the bureau calls.
    await makeRosterPerson(p, {
      roundId: zz.round.id,
      groupId: zz.group.id,
      homeDivision: '41',
      role: 'liaison',
      name: '刘联络',
    });
    await act(leader, problemId, { action: 'submit' });
    await act(command, problemId, { action: 'approve' });
    await act(command, problemId, {
      action: 'hand_over',
      bureauDivisionCode: '410105',
      deadline: '2020-10-30',
    });
    await act(bureau, problemId, { action: 'receive' });
    await act(bureau, problemId, {
      action: 'submit_feedback',
      investigation: '属实，已责令停产',
      measures: '安装收集装置',
      caseFiled: false,
    });
    const internal = (await p.call('GET', `/problems/${problemId}`, { token: command })).json();
    const inspectorNames = internal.inspectors as string[];
    expect(inspectorNames).toHaveLength(2);
    expect(internal.restricted).toBe(false);

    // A bureau user who also holds a group binding elsewhere sees this problem as a bureau all the same.
    const luoyang = (await planCampaign(p)).groupByCity('4103');
    const twoHats = (
      await makeUser(p, [
        { role: 'bureau', divisionCode: '410105' },
        { role: 'inspector', groupId: luoyang.id },
      ])
    ).token;
    for (const token of [bureau, cityBureau, twoHats]) {
      const r = await p.call('GET', `/problems/${problemId}`, { token });
      expect(r.statusCode).toBe(200);
      const text = r.body;
      const seen = r.json();
      expect(seen).toMatchObject({ restricted: true, inspectors: [], groupName: '驻郑州市暗访核查组' });
      expect(seen.handover.contact).toMatchObject({ name: '刘联络' });
      for (const name of inspectorNames) expect(text).not.toContain(name);
      // The history starts at the handover and names bodies, not the province's or the group's accounts.
      expect(seen.history.map((e: { action: string }) => e.action)).toEqual([
        'hand_over',
        'receive',
        'submit_feedback',
      ]);
      expect(seen.history[0].actorName).toBe('省生态环境厅');
      expect(text).not.toContain(
        internal.history.find((e: { action: string }) => e.action === 'approve').actorName,
      );
      expect(text).not.toContain('followUpGroupId');
    }
    // The 交办单 the bureau receives names the group and the contact, never the inspectors.
    const docx = await p.call('GET', `/handovers/${internal.handover.id}/document.docx`, { token: bureau });
    const xml = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!);
    expect(xml).toContain('驻郑州市暗访核查组');
    expect(xml).toContain('刘联络');
    for (const name of inspectorNames) expect(xml).not.toContain(name);
    // Nor does the ledger it downloads.
    const ledger = await p.call('GET', '/problems/ledger.xlsx', { token: bureau });
    const sheet = strFromU8(
      unzipSync(new Uint8Array(ledger.rawPayload))['xl/sharedStrings.xml'] ?? new Uint8Array(),
    );
    for (const name of inspectorNames) expect(sheet).not.toContain(name);
    // No campaigns, rounds or their dates for the inspected side.
    const campaignId = internal.campaignId;
    for (const url of ['/campaigns', `/campaigns/${campaignId}/rounds`, `/campaigns/${campaignId}/groups`]) {
      for (const token of [bureau, cityBureau])
        expect((await p.call('GET', url, { token })).statusCode, url).toBe(403);
    }
  });

  it('lets the group given the 回头看 in a later round see the problem and do it; a third group gets 404', async () => {
    const { problemId } = await violation('轮换测试：未批先建');
    await act(leader, problemId, { action: 'submit' });
    await act(command, problemId, { action: 'approve' });
    await act(command, problemId, {
      action: 'hand_over',
      bureauDivisionCode: '410105',
      deadline: '2020-11-20',
    });
    await act(bureau, problemId, { action: 'receive' });
    // Round 2: the command group has re-drawn the table and another group is stationed in 郑州.
    p.clock.set('2020-11-10T02:00:00Z');
    const plan = await planCampaign(p);
    const luoyang = plan.groupByCity('4103');
    const swap = (id: string, city: string) =>
      p.ctx.db
        .updateTable('inspection_groups')
        .set({ stationed_city_code: city })
        .where('id', '=', id)
        .execute();
    await swap(zz.group.id, '410102'); // a free code for the moment: the pair is unique per campaign
    await swap(luoyang.id, '4101');
    await swap(zz.group.id, '4103');
    // Weeks later: everyone signs in again.
    const bureauNow = (await makeUser(p, [{ role: 'bureau', divisionCode: '410105' }])).token;
    const finderNow = (await makeUser(p, [{ role: 'leader', groupId: zz.group.id }])).token;
    try {
      const fed = await act(bureauNow, problemId, {
        action: 'submit_feedback',
        investigation: '属实',
        measures: '已补办手续',
        caseFiled: false,
      });
      expect(fed.statusCode, fed.body).toBe(200);
      const task = await p.ctx.db
        .selectFrom('group_tasks')
        .selectAll()
        .where('source_id', '=', problemId)
        .executeTakeFirstOrThrow();
      expect(task).toMatchObject({ group_id: luoyang.id, round_id: plan.rounds[1]!.id });
      const doer = (await makeUser(p, [{ role: 'inspector', groupId: luoyang.id }])).token;
      const seen = await p.call('GET', `/problems/${problemId}`, { token: doer });
      expect(seen.statusCode).toBe(200);
      expect(seen.json()).toMatchObject({ restricted: false, allowedActions: ['follow_up'] });
      const third = (await makeUser(p, [{ role: 'leader', groupId: plan.groupByCity('4102').id }])).token;
      expect((await p.call('GET', `/problems/${problemId}`, { token: third })).statusCode).toBe(404);
      expect(
        (await act(third, problemId, { action: 'follow_up', rectified: true, findings: '已整改' }))
          .statusCode,
      ).toBe(404);
      const done = await act(doer, problemId, {
        action: 'follow_up',
        rectified: true,
        findings: '现场已停工整改',
      });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json().state).toBe('closed');
      // The group that found it keeps its sight of it too.
      expect((await p.call('GET', `/problems/${problemId}`, { token: finderNow })).statusCode).toBe(200);
    } finally {
      await swap(luoyang.id, '410102');
      await swap(zz.group.id, '4101');
      await swap(luoyang.id, '4103');
      p.clock.set('2020-10-20T08:00:00Z');
    }
  });

  it('opens a management problem that closes only with an after-photo', async () => {
    const site = await makeSite(p, { county: '410105' });
    const body = inspectionBody(zz.team.id, site.id, {
      outcome: 'fixed_on_spot',
      problems: [{ description: '物料未苫盖' }],
    });
    await p.call('POST', '/inspections', { token: zz.inspector.token, body });
    const problem = (await p.call('GET', '/problems?kind=management', { token: leader }))
      .json()
      .items.find((x: { inspectionId: string }) => x.inspectionId === body.id);
    expect(problem).toMatchObject({ state: 'open', allowedActions: ['confirm_fixed'] });
    const r = await act(zz.inspector.token, problem.id, { action: 'confirm_fixed' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('整改后');

    const photo = await jpeg();
    const sha256 = createHash('sha256').update(photo).digest('hex');
    const upload = (token: string, purpose: string) => {
      const m = multipart({ sha256 }, { data: photo, name: 'after.jpg' });
      return p.app.inject({
        method: 'POST',
        url: `/api/v1/problems/${problem.id}/attachments?purpose=${purpose}`,
        headers: { ...m.headers, authorization: `Bearer ${token}` },
        payload: m.body,
      });
    };
    expect((await upload(bureau, 'after_photo')).statusCode).toBe(404);
    expect((await upload(zz.inspector.token, 'feedback')).statusCode).toBe(409);
    const up = await upload(zz.inspector.token, 'after_photo');
    expect(up.statusCode).toBe(201);
    expect((await upload(zz.inspector.token, 'after_photo')).statusCode).toBe(200); // a retry
    const closed = await act(zz.inspector.token, problem.id, { action: 'confirm_fixed', note: '已苫盖' });
    expect(closed.json()).toMatchObject({ state: 'fixed_on_spot', allowedActions: [] });
    expect(closed.json().attachments).toEqual([expect.objectContaining({ purpose: 'after_photo', sha256 })]);
  });

  it('shows a bureau the evidence photos of what was handed to it, and nothing else', async () => {
    const { problemId } = await violation('证据可见性测试');
    const detail = (await p.call('GET', `/problems/${problemId}`, { token: command })).json();
    const photo = await jpeg();
    const sha256 = createHash('sha256').update(photo).digest('hex');
    const m = multipart(
      { sha256, capturedAt: '2020-10-20T01:31:00Z' },
      { data: photo, name: 'evidence.jpg' },
    );
    const up = await p.app.inject({
      method: 'POST',
      url: `/api/v1/inspections/${detail.inspectionId}/media`,
      headers: { ...m.headers, authorization: `Bearer ${zz.inspector.token}` },
      payload: m.body,
    });
    expect(up.statusCode).toBe(201);
    expect((await p.call('GET', `/api/v1/media/${sha256}`, { token: bureau })).statusCode).toBe(404);
    await act(leader, problemId, { action: 'submit' });
    await act(command, problemId, { action: 'approve' });
    expect((await p.call('GET', `/api/v1/media/${sha256}`, { token: bureau })).statusCode).toBe(404);
    await act(command, problemId, {
      action: 'hand_over',
      bureauDivisionCode: '410105',
      deadline: '2020-10-30',
    });
    const seen = await p.call('GET', `/api/v1/media/${sha256}`, { token: bureau });
    expect(seen.statusCode).toBe(200);
    expect(seen.rawPayload.equals(photo)).toBe(true);
    expect((await p.call('GET', `/api/v1/media/${sha256}`, { token: otherBureau })).statusCode).toBe(404);
  });

  it('answers a reader with no scope at all with an empty list, not an error', async () => {
    const lonely = await makeUser(p, [{ role: 'bureau', divisionCode: '410105' }]);
    // A bureau binding always has a division; an inspector of a group gives the group scope. To reach the
    // empty-scope branch, read as a user whose only binding scopes nothing the problems policy knows.
    const { listProblems } = await import('../src/modules/problems/problems.service.ts');
    const r = await listProblems(p.ctx, { limit: 10 }, [{ role: 'dispatcher', divisionCode: '4101' }]);
    expect(r.items).toEqual([]);
    expect((await p.call('GET', '/problems', { token: lonely.token })).statusCode).toBe(200);
  });

  it('carries unfinished follow-ups into the next round', async () => {
    const { problemId } = await violation('结转测试');
    await act(leader, problemId, { action: 'submit' });
    await act(command, problemId, { action: 'approve' });
    await act(command, problemId, {
      action: 'hand_over',
      bureauDivisionCode: '410105',
      deadline: '2020-10-30',
    });
    await act(bureau, problemId, { action: 'receive' });
    await act(bureau, problemId, {
      action: 'submit_feedback',
      investigation: '属实',
      measures: '整改中',
      caseFiled: false,
    });
    const { carryOverTasks } = await import('../src/modules/tasks/tasks.service.ts');
    expect(await carryOverTasks(p.ctx, '2020-11-05')).toBe(0); // round 1 still running
    expect(await carryOverTasks(p.ctx, '2020-11-06')).toBeGreaterThan(0);
    const tasks = await p.ctx.db
      .selectFrom('group_tasks')
      .selectAll()
      .where('kind', '=', 'follow_up')
      .where('source_id', '=', problemId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(tasks.map((t) => t.state)).toEqual(['carried', 'open']);
    expect(tasks[1]!.round_id).not.toBe(tasks[0]!.round_id);
    expect(tasks[1]!.carried_from).toBe(tasks[0]!.id);
    // The carried task keeps what it is about: the same problem, handover and site.
    expect(tasks[1]).toMatchObject({ ref_id: tasks[0]!.ref_id, site_id: tasks[0]!.site_id });
    expect(await carryOverTasks(p.ctx, '2020-11-06')).toBe(0);
  });
});
