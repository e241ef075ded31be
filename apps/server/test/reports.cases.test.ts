import { countChars } from '@ancha/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { makeUser } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { checkDocxZip, officeConvert } from './office.support.ts';
import { caseBody, DESCRIPTION_150, violationWithPhotos } from './reports.support.ts';

describe.each(testTargets())('typical cases on %s', (target) => {
  let p: TestPlatform;
  let v: Awaited<ReturnType<typeof violationWithPhotos>>;
  let command: string;
  let bureau: string;
  let caseId: string;
  beforeAll(async () => {
    p = await startPlatform(target, {}, { now: '2020-10-20T04:00:00Z' });
    v = await violationWithPhotos(p, { photos: 4 });
    command = (await makeUser(p, [{ role: 'command' }])).token;
    bureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '410105' }])).token;
  });
  afterAll(() => p.close());

  it('drafts the template’s facts from the inspection', async () => {
    const r = await p.call('GET', `/inspections/${v.inspectionId}/typical-case-draft`, {
      token: v.inspector.token,
    });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json();
    expect(d.stationedCity).toBe('郑州市');
    expect(d.inspectorNames).toHaveLength(2);
    expect(d.photos).toHaveLength(4);
    expect(d.companyName).toBe(v.site.name);
  });

  it('refuses 149 characters and 2 photos with the editor’s words, accepts 150 and 3', async () => {
    expect(countChars(DESCRIPTION_150)).toBe(150);
    const short = [...new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(DESCRIPTION_150)]
      .map((s) => s.segment)
      .slice(1)
      .join('');
    const tooShort = await p.call('POST', '/typical-cases', {
      token: v.inspector.token,
      body: caseBody(v, { description: short }),
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.message).toContain('当前149字');
    const twoPhotos = await p.call('POST', '/typical-cases', {
      token: v.inspector.token,
      body: caseBody(v, { photoIds: v.evidenceIds.slice(0, 2) }),
    });
    expect(twoPhotos.statusCode).toBe(400);
    expect(twoPhotos.json().error.message).toContain('至少选择3张现场照片');
    const foreign = await p.call('POST', '/typical-cases', {
      token: v.inspector.token,
      body: caseBody(v, { photoIds: [...v.evidenceIds.slice(0, 2), '0192f0a0-0000-7000-8000-000000000000'] }),
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details.problems[0].code).toBe('photo_not_in_inspection');
    expect(await p.ctx.db.selectFrom('typical_cases').select('id').execute()).toHaveLength(0);

    const ok = await p.call('POST', '/typical-cases', { token: v.inspector.token, body: caseBody(v) });
    expect(ok.statusCode, ok.body).toBe(201);
    caseId = ok.json().id;
    expect(ok.json().opening).toBe(
      '10月20日，驻郑州市暗访核查组执法人员张三、李四，在执法检查时发现郑州市高峰建材有限公司涉嫌存在未批先建、废气直排环境违法行为。',
    );
    expect(ok.json().packageDate).toBe('2020-10-20');
  });

  it('exports the case in the template’s layout, and a public version without the names', async () => {
    const r = await p.call('GET', `/typical-cases/${caseId}/document.docx`, { token: v.leader.token });
    expect(r.statusCode).toBe(200);
    const internal = await checkDocxZip(r.rawPayload, ['暗访核查典型案例', '执法人员张三、李四', '核验码']);
    expect(
      Object.keys(internal.zip.files).filter((f) => f.startsWith('word/media/')).length,
    ).toBeGreaterThanOrEqual(4); // 3 photos + QR

    expect(
      (
        await p.call('GET', `/typical-cases/${caseId}/document.docx?version=public`, {
          token: v.leader.token,
        })
      ).statusCode,
    ).toBe(200);
    const marked = await p.call('POST', `/typical-cases/${caseId}/exposure`, {
      token: command,
      body: { publicExposure: true },
    });
    expect(marked.statusCode).toBe(200);
    expect(marked.json().publicExposure).toBe(true);
    expect(
      (
        await p.call('POST', `/typical-cases/${caseId}/exposure`, {
          token: v.leader.token,
          body: { publicExposure: false },
        })
      ).statusCode,
    ).toBe(403);
    const pub = await p.call('GET', `/typical-cases/${caseId}/document.docx?version=public`, {
      token: command,
    });
    const { text } = await checkDocxZip(pub.rawPayload, ['公开版', '郑州市高峰建材有限公司']);
    expect(text).not.toContain('张三');
    expect(text).not.toContain('李四');

    // One conversion per run is enough to know LibreOffice opens it (the layout is the same on both databases).
    const pdf = target === 'sqlite' ? await officeConvert(r.rawPayload) : null;
    if (pdf) {
      expect(pdf.pages).toBeGreaterThanOrEqual(2);
      expect(pdf.text).toContain('驻郑州市暗访核查组执法人员张三、李四');
    }
  }, 120_000);

  it('is refused to a bureau and outside the group', async () => {
    for (const url of [
      `/typical-cases/${caseId}`,
      '/typical-cases',
      `/typical-cases/${caseId}/document.docx`,
      '/daily-packages',
    ]) {
      expect((await p.call('GET', url, { token: bureau })).statusCode, url).toBe(403);
    }
    const other = await makeUser(p, [
      {
        role: 'leader',
        groupId: (
          await p.ctx.db
            .selectFrom('inspection_groups')
            .select('id')
            .where('stationed_city_code', '=', '4102')
            .executeTakeFirstOrThrow()
        ).id,
      },
    ]);
    expect((await p.call('GET', `/typical-cases/${caseId}`, { token: other.token })).statusCode).toBe(404);
    expect((await p.call('GET', '/typical-cases', { token: other.token })).json().items).toHaveLength(0);
  });
});
