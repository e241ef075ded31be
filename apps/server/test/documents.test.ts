import { createHash, randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS, LEDGER_HEADER_ROW } from '../src/builders/ledgerXlsx.ts';
import { SYSTEM_ACTOR } from '../src/context.ts';
import { issueRegistered } from '../src/modules/issuance/issuance.service.ts';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam, makeUser } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { multipart } from './uploads.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A real JPEG, unique bytes each call; `sideways` stores it with EXIF orientation 6 like a portrait phone photo. */
let colour = 0;
async function photo(sideways = false) {
  colour += 37;
  const img = sharp({
    create: { width: 1200, height: 800, channels: 3, background: { r: colour % 256, g: 120, b: 60 } },
  }).jpeg({ quality: 80 });
  return (sideways ? img.withMetadata({ orientation: 6 }) : img).toBuffer();
}

async function unzipDocx(body: Buffer) {
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')!.async('string');
  const media = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => n.startsWith('word/media/'))
      .map(async (n) => zip.file(n)!.async('nodebuffer')),
  );
  // Text of the document with the run boundaries removed, so phrases split across runs still match.
  const text = xml.replace(/<[^>]+>/g, '');
  return { zip, xml, text, media, fontTable: await zip.file('word/fontTable.xml')!.async('string') };
}

async function readLedger(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('问题清单')!;
  const col = (header: string) => LEDGER_COLUMNS.findIndex((c) => c.header === header) + 1;
  const rows: ExcelJS.Row[] = [];
  for (let r = LEDGER_HEADER_ROW + 1; r <= ws.rowCount; r++)
    if (ws.getRow(r).getCell(1).value != null) rows.push(ws.getRow(r));
  return { wb, ws, rows, col, cell: (row: ExcelJS.Row, header: string) => row.getCell(col(header)).value };
}

describe.each(testTargets())('generated documents on %s', (target) => {
  let p: TestPlatform;
  let zz: Awaited<ReturnType<typeof makeTeam>>;
  let ly: Awaited<ReturnType<typeof makeTeam>>;
  type Who =
    | 'command'
    | 'datadesk'
    | 'leader'
    | 'otherLeader'
    | 'bureau'
    | 'cityBureau'
    | 'otherCounty'
    | 'otherCity';
  const t = {} as Record<Who, string>;
  let problemId: string;
  let handoverId: string;
  let number: string;
  let upright: Buffer;
  const siteName = '郑州金水某铸造有限公司';

  const act = (token: string, id: string, body: object) =>
    p.call('POST', `/problems/${id}/transitions`, { token, body });
  const docx = (id: string, token?: string) => p.call('GET', `/handovers/${id}/document.docx`, { token });
  const ledger = async (query: string, token: string) => {
    const r = await p.call('GET', `/problems/ledger.xlsx${query}`, { token });
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    return readLedger(r.rawPayload);
  };

  beforeAll(async () => {
    p = await startPlatform(target);
    p.clock.set('2020-10-20T08:00:00Z');
    zz = await makeTeam(p, { city: '4101' });
    ly = await makeTeam(p, { city: '4103' });
    t.command = (await makeUser(p, [{ role: 'command' }])).token;
    t.datadesk = (await makeUser(p, [{ role: 'datadesk' }])).token;
    t.leader = (await makeUser(p, [{ role: 'leader', groupId: zz.group.id }])).token;
    t.otherLeader = (await makeUser(p, [{ role: 'leader', groupId: ly.group.id }])).token;
    t.bureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '410105' }])).token; // 金水区: addressed
    t.cityBureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '4101' }])).token; // 郑州市
    t.otherCounty = (await makeUser(p, [{ role: 'bureau', divisionCode: '410102' }])).token; // 中原区
    t.otherCity = (await makeUser(p, [{ role: 'bureau', divisionCode: '410302' }])).token; // 洛阳老城区

    // A suspected violation in 金水区 with two photos, one stored sideways, handed to the 金水 bureau.
    const site = await makeSite(p, { county: '410105', name: siteName, creditCode: '91410105MA3X4Y5Z6K' });
    const body = inspectionBody(zz.team.id, site.id, {
      outcome: 'suspected_violation',
      problems: [{ description: '中频炉废气未收集处理，车间无组织排放，原料堆场未苫盖' }],
    });
    expect((await p.call('POST', '/inspections', { token: zz.inspector.token, body })).statusCode).toBe(201);
    upright = await photo();
    for (const data of [upright, await photo(true)]) {
      const mp = multipart({ sha256: sha(data), capturedAt: '2020-10-20T09:35:00+08:00' }, { data });
      const r = await p.call('POST', `/inspections/${body.id}/media`, {
        token: zz.inspector.token,
        body: mp.body,
        headers: mp.headers,
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const list = (await p.call('GET', '/problems', { token: t.command })).json().items;
    problemId = list.find((x: { inspectionId: string }) => x.inspectionId === body.id).id;
    await act(t.leader, problemId, { action: 'submit', proposeCaseFiling: true });
    await act(t.command, problemId, { action: 'approve' });
    const r = await act(t.command, problemId, {
      action: 'hand_over',
      bureauDivisionCode: '410105',
      deadline: '2020-10-30',
      requirements: '立即停止违法排放，依法立案查处。',
    });
    expect(r.statusCode, r.body).toBe(200);
    ({ id: handoverId, number } = r.json().handover);

    // Another group's problem in 洛阳, never handed over.
    const lySite = await makeSite(p, { county: '410302', name: '洛阳老城某石材厂' });
    const lyBody = inspectionBody(ly.team.id, lySite.id, {
      outcome: 'needs_rectification',
      category: 'dust',
      problems: [{ description: '石材切割粉尘无组织排放' }],
    });
    expect(
      (await p.call('POST', '/inspections', { token: ly.inspector.token, body: lyBody })).statusCode,
    ).toBe(201);
  });
  afterAll(() => p?.close());

  it('renders the 交办单 with its number, site, bureau, deadline and the inspection photos', async () => {
    const r = await docx(handoverId, t.command);
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const disposition = String(r.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; /);
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent(`环境问题交办单（${number}）.docx`)}`,
    );

    const doc = await unzipDocx(r.rawPayload);
    for (const s of [
      number,
      siteName,
      '郑州市金水区生态环境分局',
      '2020年10月30日',
      '91410105MA3X4Y5Z6K',
      '中频炉废气未收集处理',
      '立即停止违法排放',
      '驻郑州市暗访核查组',
      '省厅联系人',
      '省生态环境厅暗访核查指挥调度组',
      '2020年10月20日',
    ]) {
      expect(doc.text, s).toContain(s);
    }
    expect(doc.text).toContain('是否建议立案处罚');
    expect(doc.text).not.toContain('前次交办');
    // Addressed to the inspected place: the inspectors are not named on it.
    expect(doc.text).not.toContain('检查人员');
    for (const person of zz.people) {
      const name = (
        await p.ctx.db.selectFrom('people').select('name').where('id', '=', person).executeTakeFirstOrThrow()
      ).name;
      expect(doc.text).not.toContain(name);
    }
    expect(doc.xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(doc.fontTable).toContain('<w:altName w:val="宋体"/>');
    // The QR code of the copy is an image too; the photos are the others.
    doc.media = doc.media.filter((m) => m.subarray(1, 4).toString('latin1') !== 'PNG');
    // The upright photo goes in byte for byte; the sideways one is printed upright (portrait).
    expect(doc.media).toHaveLength(2);
    expect(doc.media.map(sha)).toContain(sha(upright));
    const turned = doc.media.find((m) => sha(m) !== sha(upright))!;
    const meta = await sharp(turned).metadata();
    expect(meta.height).toBeGreaterThan(meta.width!);
  });

  it('lets the addressed bureau, its city bureau and the finding group read the form; 404 for anyone else', async () => {
    for (const who of ['bureau', 'cityBureau', 'leader', 'datadesk'] as const)
      expect((await docx(handoverId, t[who])).statusCode, who).toBe(200);
    for (const who of ['otherCounty', 'otherCity', 'otherLeader'] as const) {
      const r = await docx(handoverId, t[who]);
      expect(r.statusCode, who).toBe(404);
      expect(r.json().error.code).toBe('not_found');
    }
    expect((await docx('0190a0b0-0000-7000-8000-000000000000', t.command)).statusCode).toBe(404);
    expect((await docx(handoverId)).statusCode).toBe(401);
    expect((await docx(handoverId, zz.inspector.token)).statusCode).toBe(403); // the role never downloads forms
    const audits = await p.ctx.db
      .selectFrom('audit_log')
      .select('actor_name')
      .where('action', '=', 'handover.document')
      .where('entity_id', '=', handoverId)
      .execute();
    expect(audits.length).toBeGreaterThanOrEqual(5);
  });

  it('gives a re-handover its own form with its own number, naming the previous one', async () => {
    await act(t.bureau, problemId, { action: 'receive' });
    await act(t.bureau, problemId, {
      action: 'submit_feedback',
      investigation: '经查属实',
      measures: '安装集气罩',
      caseFiled: true,
      caseNumber: '金环罚〔2020〕15号',
      penaltyYuan: 50000,
    });
    const r = await act(zz.inspector.token, problemId, {
      action: 'follow_up',
      rectified: false,
      findings: '集气罩已装但风机未运行',
      deadline: '2020-11-04',
    });
    expect(r.statusCode, r.body).toBe(200);
    const second = r.json().handover;
    expect(second.id).not.toBe(handoverId);

    const doc = await unzipDocx((await docx(second.id, t.bureau)).rawPayload);
    expect(doc.text).toContain(second.number);
    expect(doc.text).toContain('前次交办');
    expect(doc.text).toContain(`以${number}交办`);
    expect(doc.text).toContain('集气罩已装但风机未运行');
    expect(doc.text).toContain('2020年11月4日');
    // The first form is unchanged by the second.
    const first = await unzipDocx((await docx(handoverId, t.command)).rawPayload);
    expect(first.text).not.toContain(second.number);

    // What the mail sender attaches is the same document, issued as a copy of its own.
    const rendered = await issueRegistered(p.ctx, SYSTEM_ACTOR, 'handover_docx', second.id, {
      action: 'mail.attachment',
      entity: 'mail',
    });
    expect(rendered.filename).toBe(`环境问题交办单（${second.number}）.docx`);
    expect((await unzipDocx(rendered.buffer)).text).toContain(second.number);
  });

  it('prints a verification code in every copy that tells the issued file from an altered one', async () => {
    const res = await docx(handoverId, t.command);
    const bytes = res.rawPayload;
    const { text, zip } = await unzipDocx(bytes);
    const code = /核验码：([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3})/.exec(text)?.[1];
    expect(code, 'code printed after the signature').toBeTruthy();
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /word\/footer\d+\.xml/.test(n))
        .map((n) => zip.file(n)!.async('string')),
    );
    expect(
      footers.some((f) => f.includes(code!)),
      'code on every page',
    ).toBe(true);

    // The bureau holding the printout looks the code up (in lower case, without dashes: still found).
    const found = await p.call('GET', `/documents/verify/${code!.replaceAll('-', '').toLowerCase()}`, {
      token: t.bureau,
    });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({
      code,
      kind: 'handover_docx',
      title: '环境问题交办单',
      number,
      issuer: '省生态环境厅暗访核查指挥调度组',
      sha256: sha(bytes),
      bytes: bytes.length,
    });
    const same = await p.call('POST', `/documents/verify/${code}`, {
      token: t.bureau,
      body: { sha256: sha(bytes) },
    });
    expect(same.json().matches).toBe(true);
    const altered = Buffer.from(bytes);
    altered[altered.length - 10] = altered[altered.length - 10]! ^ 0xff;
    const forged = await p.call('POST', `/documents/verify/${code}`, {
      token: t.bureau,
      body: { sha256: sha(altered) },
    });
    expect(forged.json().matches).toBe(false);

    // Each copy is its own: another download gets another code.
    const again = await unzipDocx((await docx(handoverId, t.command)).rawPayload);
    expect(again.text).not.toContain(code!);

    // A mistyped code is told apart from one that was never issued.
    const typo = `${code!.slice(0, -1)}${code!.endsWith('0') ? '1' : '0'}`;
    expect((await p.call('GET', `/documents/verify/${typo}`, { token: t.bureau })).statusCode).toBe(400);
    expect((await p.call('GET', '/documents/verify/7K3Q-M9XW-2C0', { token: t.bureau })).statusCode).toBe(
      404,
    );
    expect((await p.call('GET', `/documents/verify/${code}`)).statusCode).toBe(401);
  });

  it('exports the problem ledger with a frozen, filtered header, real dates and statistics', async () => {
    const all = await ledger('', t.command);
    expect(all.rows).toHaveLength(2);
    const header = all.ws.getRow(LEDGER_HEADER_ROW).values as unknown[];
    expect(header.slice(1)).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(all.ws.views[0]).toMatchObject({ state: 'frozen', ySplit: LEDGER_HEADER_ROW });
    expect(all.ws.autoFilter).toBeTruthy();
    const zzRow = all.rows.find((r) => all.cell(r, '点位名称') === siteName)!;
    expect(all.cell(zzRow, '交办单编号')).toMatch(/^豫环暗查〔2020〕[1-9]\d*号$/);
    expect(all.cell(zzRow, '接收单位')).toBe('郑州市金水区生态环境分局');
    expect(all.cell(zzRow, '进驻市')).toBe('郑州市');
    expect(all.cell(zzRow, '区县')).toBe('金水区');
    expect(all.cell(zzRow, '状态')).toBe('已交办');
    expect(all.cell(zzRow, '回头看结果')).toContain('未整改到位');
    expect(all.cell(zzRow, '整改期限')).toEqual(new Date('2020-11-04T00:00:00Z'));
    expect(all.cell(zzRow, '发现时间')).toEqual(new Date('2020-10-20T09:30:00Z')); // Shanghai wall clock
    expect(all.cell(zzRow, '是否超期')).toBe('否');
    const stats = all.wb.getWorksheet('统计')!;
    const totals: unknown[] = [];
    stats.eachRow((row) => row.eachCell((c) => totals.push(c.value)));
    expect(totals).toContain('合计');
    expect(totals).toContain('已交办');

    const byGroup = await ledger(`?groupId=${ly.group.id}`, t.command);
    expect(byGroup.rows.map((r) => byGroup.cell(r, '点位名称'))).toEqual(['洛阳老城某石材厂']);
    const byState = await ledger('?state=handed_over', t.command);
    expect(byState.rows.map((r) => byState.cell(r, '点位名称'))).toEqual([siteName]);
    const byCity = await ledger('?cityCode=4103', t.command);
    expect(byCity.rows).toHaveLength(1);
    const leaderView = await ledger('', t.leader); // a group reads its own problems only
    expect(leaderView.rows.map((r) => leaderView.cell(r, '点位名称'))).toEqual([siteName]);

    const audits = await p.ctx.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'problem.ledger_export')
      .orderBy('seq')
      .execute();
    expect(audits.length).toBeGreaterThanOrEqual(5);
    expect(JSON.parse(audits.at(-1)!.data)).toMatchObject({ count: 1 });
  });

  it('keeps the ledger of a bureau to the problems handed to it', async () => {
    const mine = await ledger('', t.bureau);
    expect(mine.rows.map((r) => mine.cell(r, '点位名称'))).toEqual([siteName]);
    const city = await ledger('', t.cityBureau);
    expect(city.rows).toHaveLength(1);
    for (const who of ['otherCounty', 'otherCity'] as const) {
      const none = await ledger('', t[who]);
      expect(none.rows, who).toHaveLength(0);
    }
    // Asking for another group or city does not widen the scope, nor does the filter line name it.
    const asked = await ledger(`?groupId=${ly.group.id}`, t.bureau);
    expect(asked.rows).toHaveLength(0);
    const note = String(asked.ws.getCell(2, 1).value);
    expect(note).not.toContain('洛阳');
    expect(note).not.toContain('第3组');
    expect(String((await ledger(`?groupId=${ly.group.id}`, t.command)).ws.getCell(2, 1).value)).toContain(
      '驻洛阳',
    );
    expect((await p.call('GET', '/problems/ledger.xlsx')).statusCode).toBe(401);
    expect((await p.call('GET', '/problems/ledger.xlsx?state=nope', { token: t.command })).statusCode).toBe(
      400,
    );
  });
});
