import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { inspectionBody, makeRosterPerson, makeSite, makeTeam, makeUser, planCampaign } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { jpeg, multipart, sha256hex } from './uploads.ts';

/**
 * The secrecy matrix: the inspected city must never see plans, rounds, tasks, findings or the
 * inspectors. Rather than a list of routes kept by hand, it walks EVERY GET operation of the OpenAPI
 * document — so a read path added later is in the matrix the day it is registered — as each kind of
 * inspected-side user, with every path parameter filled by each thing of the campaign it could name.
 *
 * A bureau may be answered 200 only by the few operations in BUREAU_MAY_READ (its own handovers and
 * what hangs on them); anything else must be 403/404. And whatever any of them is answered — JSON,
 * a .docx, an .xlsx — must not contain a single name, phone, certificate, account or finding that
 * the inspected side may not know. The mails queued for the bureau are read the same way.
 *
 * The live feed is left to live.bureau.test.ts, which holds streams open through a whole lifecycle.
 */

const BUREAU_MAY_READ = new Set([
  'GET /auth/me',
  'GET /health',
  'GET /divisions',
  'GET /openapi.json',
  'GET /problems',
  'GET /problems/{id}',
  'GET /problems/ledger.xlsx',
  'GET /handovers/{id}/document.docx',
  'GET /media/{sha256}',
  'GET /media/{sha256}/thumbnail',
  'GET /documents/verify/{code}',
]);
const NOT_WALKED = new Set(['GET /live']);

/** Readable text of an answer: JSON as sent, Office files by their XML parts. */
function textOf(raw: Buffer, contentType: string): string {
  if (/officedocument|zip/.test(contentType)) {
    const parts = unzipSync(new Uint8Array(raw));
    return Object.entries(parts)
      .filter(([name]) => name.endsWith('.xml'))
      .map(([, bytes]) => strFromU8(bytes))
      .join('\n');
  }
  if (/^image\//.test(contentType)) return '';
  return raw.toString('utf8');
}

describe.each(testTargets())('what the inspected side can read, route by route, on %s', (target) => {
  let p: TestPlatform;
  const secrets: string[] = [];
  const ids: Record<string, string[]> = {};
  const readers: Record<string, string> = {};
  let knownHandover = '';

  beforeAll(async () => {
    p = await startPlatform(target);
    p.clock.set('2020-10-20T08:00:00Z');
    const zz = await makeTeam(p, { city: '4101' });
    const plan = await planCampaign(p);
    const leader = await makeUser(p, [{ role: 'leader', groupId: zz.group.id }], {
      username: 'zz-leader-secret',
      displayName: '组长王保密',
    });
    const command = await makeUser(p, [{ role: 'command' }], {
      username: 'command-secret',
      displayName: '指挥部李内部',
    });
    // The liaison is the province's contact: the one person the bureau may know by name.
    await makeRosterPerson(p, {
      roundId: zz.round.id,
      groupId: zz.group.id,
      homeDivision: '41',
      role: 'liaison',
      name: '刘联络',
    });
    for (const [u, name] of [
      [zz.inspector, '暗访员赵甲'],
      [zz.partner, '暗访员钱乙'],
    ] as const) {
      await p.ctx.db.updateTable('users').set({ display_name: name }).where('id', '=', u.id).execute();
      secrets.push(name, u.username);
    }
    const people = await p.ctx.db
      .selectFrom('people')
      .select(['name', 'phone', 'cert_number'])
      .where('id', 'in', zz.people)
      .execute();
    for (const person of people)
      secrets.push(...[person.name, person.phone, person.cert_number].filter((x): x is string => !!x));
    secrets.push(leader.username, '组长王保密', command.username, '指挥部李内部');

    const act = async (token: string, id: string, body: object) => {
      const r = await p.call('POST', `/problems/${id}/transitions`, { token, body });
      expect(r.statusCode, r.body).toBe(200);
    };
    await p.call('PUT', '/bureau-mailboxes', {
      token: command.token,
      body: { divisionCode: '410105', email: 'jshb@zz.example.gov.cn' },
    });

    /** A violation found in `county`, its photo uploaded, driven as far as `handTo`. */
    const violation = async (county: string, description: string, handTo?: string) => {
      const site = await makeSite(p, { county, name: `保密测试点位${description.slice(0, 4)}` });
      const body = inspectionBody(zz.team.id, site.id, {
        outcome: 'suspected_violation',
        problems: [{ description }],
      });
      expect((await p.call('POST', '/inspections', { token: zz.inspector.token, body })).statusCode).toBe(
        201,
      );
      const photo = await jpeg();
      const m = multipart(
        { sha256: sha256hex(photo), capturedAt: '2020-10-20T01:31:00Z' },
        { data: photo, name: 'evidence.jpg' },
      );
      const up = await p.app.inject({
        method: 'POST',
        url: `/api/v1/inspections/${body.id}/media`,
        headers: { ...m.headers, authorization: `Bearer ${zz.inspector.token}` },
        payload: m.body,
      });
      expect(up.statusCode).toBe(201);
      const problem = (
        await p.call('GET', `/problems?q=${encodeURIComponent(description)}`, { token: command.token })
      ).json().items[0];
      if (handTo) {
        await act(leader.token, problem.id, { action: 'submit', proposeCaseFiling: true });
        await act(command.token, problem.id, { action: 'approve' });
        await act(command.token, problem.id, {
          action: 'hand_over',
          bureauDivisionCode: handTo,
          deadline: '2020-10-30',
        });
      }
      const detail = (await p.call('GET', `/problems/${problem.id}`, { token: command.token })).json();
      return {
        problemId: problem.id as string,
        inspectionId: body.id,
        siteId: site.id,
        sha: sha256hex(photo),
        detail,
      };
    };

    const handed = await violation('410105', '交给金水区的问题：废气直排', '410105');
    const draft = await violation('410105', '内部未交办问题：危废露天堆放');
    const elsewhere = await violation('410102', '交给中原区的问题：污水外溢', '410102');
    // What was never handed over, and what went to another county, are findings the bureau may not know.
    secrets.push('内部未交办问题', '危废露天堆放');
    knownHandover = handed.detail.handover.id;

    const tasks = await p.ctx.db.selectFrom('group_tasks').select('id').execute();
    const mail = await p.ctx.db.selectFrom('mail_outbox').select('id').execute();
    Object.assign(ids, {
      problems: [handed.problemId, draft.problemId, elsewhere.problemId],
      handovers: [handed.detail.handover.id, elsewhere.detail.handover.id],
      inspections: [handed.inspectionId, draft.inspectionId],
      sites: [handed.siteId, draft.siteId],
      media: [handed.sha, draft.sha, elsewhere.sha],
      campaigns: [plan.campaign.id],
      rounds: [zz.round.id],
      groups: [zz.group.id],
      teams: [zz.team.id],
      users: [zz.inspector.id, leader.id],
      people: zz.people,
      memberships: [],
      tasks: tasks.map((t) => t.id),
      outbox: mail.map((m) => m.id),
    });

    // The inspected side: the county addressed, its city, a county of another city, and a bureau user
    // of 金水区 who also holds an inspector binding in 洛阳's group — that binding must not widen the
    // bureau's view of 郑州's work.
    const luoyang = plan.groupByCity('4103');
    readers.county = (await makeUser(p, [{ role: 'bureau', divisionCode: '410105' }])).token;
    readers.city = (await makeUser(p, [{ role: 'bureau', divisionCode: '4101' }])).token;
    readers.otherCity = (await makeUser(p, [{ role: 'bureau', divisionCode: '410302' }])).token;
    readers.twoHats = (
      await makeUser(p, [
        { role: 'bureau', divisionCode: '410105' },
        { role: 'inspector', groupId: luoyang.id },
      ])
    ).token;
  }, 120_000);
  afterAll(() => p.close());

  /** Every way to fill a path's parameters with the campaign's things (the segment before names the kind). */
  function instances(path: string): string[] {
    const segments = path.split('/');
    let urls = [''];
    segments.forEach((seg, i) => {
      if (!seg) return;
      const param = /^\{(.+)\}$/.exec(seg);
      if (!param) {
        urls = urls.map((u) => `${u}/${seg}`);
        return;
      }
      const before = segments[i - 1] ?? '';
      const values =
        param[1] === 'sha256'
          ? ids.media!
          : param[1] === 'code'
            ? ['ZZZZZZZZ']
            : /Code$/.test(param[1]!)
              ? ['4101', '410105']
              : [...(ids[before] ?? []), '0192f000-0000-7000-8000-00000000dead'];
      urls = urls.flatMap((u) => values.map((v) => `${u}/${v}`));
    });
    return urls;
  }

  it('answers every read of the inspected side with its own handovers or a refusal, and no secret in any body', async () => {
    const doc = (await p.call('GET', '/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => m === 'get')
        .map(() => path.replace(/^\/api\/v1/, '')),
    );
    expect(operations.length).toBeGreaterThan(30);
    // What later capabilities keep (instructions, typical cases, …) is found by the path's own words:
    // `/typical-cases/{id}` reads the ids of table typical_cases, whatever the scenario above made.
    for (const path of operations) {
      for (const [, kind] of path.matchAll(/\/([a-z-]+)\/\{id\}/g)) {
        if (ids[kind!]) continue;
        const table = kind!.replace(/-/g, '_');
        try {
          const rows = await sql<{ id: string }>`select id from ${sql.table(table)}`.execute(p.ctx.db);
          ids[kind!] = rows.rows.map((r) => r.id);
        } catch {
          ids[kind!] = [];
        }
      }
    }
    const withCampaign = `campaignId=${ids.campaigns![0]}`;
    const reached: string[] = [];
    let checked = 0;
    for (const path of operations) {
      const op = `GET ${path}`;
      if (NOT_WALKED.has(op)) continue;
      for (const url of instances(path)) {
        for (const query of ['', `?${withCampaign}&groupId=${ids.groups![0]}&roundId=${ids.rounds![0]}`]) {
          for (const [who, token] of Object.entries(readers)) {
            const r = await p.call('GET', `${url}${query}`, { token });
            checked++;
            const where = `${who} GET ${url}${query} → ${r.statusCode}`;
            expect(r.statusCode, where).toBeLessThan(500);
            if (r.statusCode !== 200) {
              // A refusal comes before any look at the input: 400 only where the bureau may read at all.
              // (The two-hatted user holds a group binding: its input may be looked at.)
              const refusals = BUREAU_MAY_READ.has(op) || who === 'twoHats' ? [400, 403, 404] : [403, 404];
              expect(refusals, where).toContain(r.statusCode);
              continue;
            }
            // The bureau-only readers may reach nothing beyond their handovers; the two-hatted user reaches
            // its 洛阳 group's routes through that binding, and the content check below still holds for it.
            if (who !== 'twoHats') {
              expect(BUREAU_MAY_READ.has(op), `${where}: a bureau reached ${op}`).toBe(true);
            }
            reached.push(`${who} ${op}`);
            const text = textOf(r.rawPayload, String(r.headers['content-type'] ?? ''));
            for (const secret of secrets) expect(text, `${where} reveals “${secret}”`).not.toContain(secret);
            if (who === 'otherCity') expect(text, where).not.toContain('交给金水区的问题');
            if (who !== 'city') expect(text, where).not.toContain('交给中原区的问题');
          }
        }
      }
    }
    // The walk reached what it must: the handed-over problem, its 交办单 and photo, the ledger.
    for (const op of [
      'county GET /problems/{id}',
      'county GET /handovers/{id}/document.docx',
      'county GET /media/{sha256}',
      'city GET /problems/ledger.xlsx',
      'twoHats GET /problems/{id}',
    ]) {
      expect(reached, op).toContain(op);
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('sends the bureau mails that name the handover, never the inspectors or another county’s findings', async () => {
    const rows = await p.ctx.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', 'like', '%jshb@zz.example.gov.cn%')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const text = JSON.stringify(row);
      expect(text).toContain('豫环暗查〔2020〕');
      for (const secret of [...secrets, '交给中原区的问题'])
        expect(text, `mail ${row.id} reveals “${secret}”`).not.toContain(secret);
    }
    // Its attachment is the 交办单 the walk above already read through the download.
    expect(knownHandover).toBeTruthy();
  });
});
