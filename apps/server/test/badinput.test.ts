import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROSTER_MAX_INFLATED_BYTES } from '../src/builders/rosterWorkbook.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam, makeUser, planCampaign } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { jpeg, multipart, sha256hex } from './uploads.ts';
import { xlsxBomb } from './zipbomb.ts';

/**
 * A client's malformed request is its mistake: a 4xx in the contract's shape, nothing saved,
 * nothing logged as a server error. Broken multipart, tus extensions we do not offer, and
 * text that is not valid Unicode (or holds NUL) in any field.
 */
describe.each(testTargets())('bad input on %s', (target) => {
  let p: TestPlatform;
  let zz: Awaited<ReturnType<typeof makeTeam>>;
  let admin: string;
  let command: string;
  const logged: { level: number; msg: string }[] = [];
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    p = await startPlatform(target, {}, { logger });
    admin = await p.login('admin');
    zz = await makeTeam(p, { city: '4101' });
    const site = await makeSite(p, { county: '410105' });
    const body = inspectionBody(zz.team.id, site.id, {
      outcome: 'fixed_on_spot',
      problems: [{ description: '物料未苫盖' }],
    });
    expect((await p.call('POST', '/inspections', { token: zz.inspector.token, body })).statusCode).toBe(201);
    const problem = (await p.call('GET', '/problems', { token: zz.inspector.token })).json().items[0];
    urls.photo = `/inspections/${body.id}/media`;
    urls.attachment = `/problems/${problem.id}/attachments?purpose=after_photo`;
    urls.roster = `/rounds/${zz.round.id}/roster/import`;
    const plan = await planCampaign(p);
    urls.checklists = `/checklists/import?campaignId=${plan.campaign.id}&cityCode=4101`;
    urls.ledgers = '/ledgers/import';
    urls.nominations = `/rounds/${plan.rounds[1]!.id}/nominations/import`;
    command = (await makeUser(p, [{ role: 'command' }])).token;
  });
  afterAll(() => p?.close());
  beforeEach(() => {
    logged.length = 0;
  });

  const errorsLogged = () => logged.filter((l) => l.level >= 50).map((l) => l.msg);
  const expectClientError = (r: { statusCode: number; body: string }, status = 400) => {
    expect(r.statusCode, r.body).toBe(status);
    expect(JSON.parse(r.body)).toEqual({
      error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
    });
  };

  const broken: [string, string, string | Buffer][] = [
    ['no boundary', 'multipart/form-data', 'x'],
    [
      'a body cut off in a field',
      'multipart/form-data; boundary=abc',
      '--abc\r\nContent-Disposition: form-data; name="sha256"\r\n\r\nabc',
    ],
    ['a body that never starts', 'multipart/form-data; boundary=abc', 'garbage'],
    ['an over-long boundary', `multipart/form-data; boundary=${'b'.repeat(300)}`, 'x'],
  ];
  for (const route of ['photo', 'attachment', 'roster'] as const) {
    for (const [what, contentType, payload] of broken) {
      it(`answers 400 to multipart with ${what} on the ${route} upload`, async () => {
        const r = await p.call('POST', urls[route]!, {
          token: route === 'roster' ? admin : zz.inspector.token,
          headers: { 'content-type': contentType },
          body: payload,
        });
        expectClientError(r);
        expect(r.json().error.message).toContain('multipart');
        expect(errorsLogged()).toEqual([]);
      });
    }
  }

  it('answers 400 to a photo cut off in the middle of its bytes, and keeps nothing', async () => {
    const photo = await jpeg();
    const head = Buffer.from(
      `--abc\r\nContent-Disposition: form-data; name="sha256"\r\n\r\n${sha256hex(photo)}\r\n` +
        '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n',
    );
    const r = await p.call('POST', urls.photo!, {
      token: zz.inspector.token,
      headers: { 'content-type': 'multipart/form-data; boundary=abc' },
      body: Buffer.concat([head, photo.subarray(0, photo.length / 2)]),
    });
    expectClientError(r);
    expect(errorsLogged()).toEqual([]);
    expect(await p.ctx.db.selectFrom('evidence').select('id').execute()).toEqual([]);
  });

  it.each([
    ['Upload-Concat partial', { 'upload-concat': 'partial', 'upload-length': '10' }],
    ['Upload-Concat final', { 'upload-concat': 'final;/api/v1/uploads/a /api/v1/uploads/b' }],
  ])(
    'answers 400 to the tus extension %s it does not offer, without logging an error',
    async (_, headers) => {
      const r = await p.call('POST', '/uploads', {
        token: zz.inspector.token,
        headers: { 'tus-resumable': '1.0.0', ...headers },
      });
      expectClientError(r);
      expect(r.json().error.code).toBe('bad_request');
      expect(errorsLogged()).toEqual([]);
    },
  );

  it('refuses a lone surrogate as a login name with 400, and the audit chain stays whole', async () => {
    const before = await p.ctx.db.selectFrom('audit_log').select('seq').execute();
    const r = await p.call('POST', '/auth/login', {
      headers: { 'content-type': 'application/json' },
      body: '{"username":"\\ud800","password":"whatever-1234"}',
    });
    expectClientError(r);
    expect(r.json().error).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'body.username' }] },
    });
    expect(await p.ctx.db.selectFrom('audit_log').select('seq').execute()).toHaveLength(before.length);
    expect((await verifyAuditChain(p.ctx)).ok).toBe(true);
  });

  it('refuses text that cannot be stored in any field: nested, in a key, in the query, in a file name', async () => {
    const site = await makeSite(p, { county: '410105' });
    const nested = inspectionBody(zz.team.id, site.id, {
      outcome: 'fixed_on_spot',
      problems: [{ description: 'x' }],
    });
    const raw = JSON.stringify(nested).replace('"description":"x"', '"description":"a\\udc00b"');
    let r = await p.call('POST', '/inspections', {
      token: zz.inspector.token,
      headers: { 'content-type': 'application/json' },
      body: raw,
    });
    expectClientError(r);
    expect(r.json().error.details.issues[0].path).toBe('body.problems.0.description');
    expect((await p.call('GET', `/inspections/${nested.id}`, { token: zz.inspector.token })).statusCode).toBe(
      404,
    );

    r = await p.call('POST', '/auth/login', {
      headers: { 'content-type': 'application/json' },
      body: '{"username":"admin","password":"x","\\ud83d":1}',
    });
    expectClientError(r);

    // NUL: PostgreSQL cannot store it (it used to answer 500 there).
    for (const url of ['/people?q=%00', '/sites?q=a%00b', '/audit?entity=%00', '/problems?q=%00'])
      expectClientError(await p.call('GET', url, { token: admin }));
    r = await p.call('POST', '/auth/login', { body: { username: 'admin\u0000', password: 'x' } });
    expectClientError(r);

    const photo = await jpeg();
    const body = Buffer.concat([
      Buffer.from(
        `--abc\r\nContent-Disposition: form-data; name="sha256"\r\n\r\n${sha256hex(photo)}\r\n` +
          '--abc\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.jpg"\r\nContent-Type: image/jpeg\r\n\r\n',
      ),
      photo,
      Buffer.from('\r\n--abc--\r\n'),
    ]);
    r = await p.call('POST', urls.photo!, {
      token: zz.inspector.token,
      headers: { 'content-type': 'multipart/form-data; boundary=abc' },
      body,
    });
    expectClientError(r);
    expect(errorsLogged()).toEqual([]);
  });

  // Each about 0.5 MB that inflates to about 115 MB of sheet XML.
  it.each([
    ['honest about its size: refused before inflating', 400_000, 250, undefined, 413],
    ['of many small rows: stopped at the row limit', 400_000, 250, ROSTER_MAX_INFLATED_BYTES - 1024, 413],
    [
      'of few huge rows, lying about its size: stopped where the lie shows',
      3800,
      30_000,
      ROSTER_MAX_INFLATED_BYTES - 1024,
      400,
    ],
  ])(
    'refuses a zip bomb roster %s, quickly, and /health answers meanwhile',
    async (_, rows, cellBytes, claim, status) => {
      const bomb = xlsxBomb({ rows, cellBytes, ...(claim ? { claim } : {}) });
      const m = multipart({}, { data: bomb, name: 'roster.xlsx', type: 'application/octet-stream' });
      const started = Date.now();
      const importing = p.call('POST', urls.roster!, { token: admin, headers: m.headers, body: m.body });
      const health: number[] = [];
      let done = false;
      void importing.finally(() => {
        done = true;
      });
      while (!done) {
        const t = Date.now();
        expect((await p.call('GET', '/health')).statusCode).toBe(200);
        health.push(Date.now() - t);
        await new Promise((r) => setTimeout(r, 5));
      }
      const r = await importing;
      expectClientError(r, status);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(Math.max(...health)).toBeLessThan(500);
      expect(
        await p.ctx.db.selectFrom('audit_log').select('id').where('action', 'like', 'roster%').execute(),
      ).toEqual([]);
    },
  );
  // The other imports read through the same bounded reader: a bomb that claims 8 MB (under
  // every import's budget) but holds 115 MB is stopped at the import's row limit.
  it.each([
    ['checklist', 'checklists', {}, 'checklist%'],
    ['ledger', 'ledgers', { cityCode: '4101' }, 'ledger%'],
    ['nomination', 'nominations', {}, 'nomination%'],
  ] as const)('refuses a zip bomb %s import, quickly', async (_, url, fields, action) => {
    const bomb = xlsxBomb({ rows: 400_000, cellBytes: 250, claim: 8 * 1024 * 1024 });
    const m = multipart(fields, { data: bomb, name: 'sheet.xlsx', type: 'application/octet-stream' });
    const started = Date.now();
    const r = await p.call('POST', urls[url]!, { token: command, headers: m.headers, body: m.body });
    expectClientError(r, 413);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(errorsLogged()).toEqual([]);
    expect(
      await p.ctx.db.selectFrom('audit_log').select('id').where('action', 'like', action).execute(),
    ).toEqual([]);
  });
});
