import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectionBody, makeSite, makeTeam } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { jpeg, multipart, sha256hex } from './uploads.ts';

/** A local stand-in for the WeCom robot: records what it receives, answers like the real one. */
async function robot() {
  const received: any[] = [];
  let failFirst = 0;
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (failFirst > 0) {
      failFirst--;
      res.writeHead(500).end('{}');
      return;
    }
    received.push(JSON.parse(body));
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/webhook/send?key=test`,
    received,
    failNext: (n: number) => (failFirst = n),
    close: () => server.close(),
  };
}

describe('work-group robot forwarding', () => {
  let p: TestPlatform;
  let r: Awaited<ReturnType<typeof robot>>;
  beforeAll(async () => {
    r = await robot();
    p = await startPlatform('sqlite', { webhookUrl: r.url, publicUrl: 'https://ancha.example.gov.cn' });
  });
  afterAll(async () => {
    await p.close();
    r.close();
  });

  let teamNumber = 1;
  async function evidenceFor(outcome: 'suspected_violation' | 'no_problem') {
    const t = await makeTeam(p, { city: '4101', number: ++teamNumber });
    const site = await makeSite(p, { county: '410102', name: '郑州某铸造有限公司' });
    const body = inspectionBody(
      t.team.id,
      site.id,
      outcome === 'no_problem' ? {} : { outcome, problems: [{ description: '冲天炉未配套除尘设施，直排' }] },
    );
    const rec = (await p.call('POST', '/inspections', { token: t.inspector.token, body })).json();
    // A real photo through the real upload: the robot hears the event the media module sends.
    const data = await jpeg();
    const mp = multipart({ sha256: sha256hex(data), capturedAt: '2020-10-20T01:31:00Z' }, { data });
    const up = await p.call('POST', `/inspections/${rec.id}/media`, {
      token: t.inspector.token,
      body: mp.body,
      headers: mp.headers,
    });
    expect(up.statusCode, up.body).toBe(201);
    await p.idle();
    return rec;
  }

  it('posts suspected-violation evidence to the robot as Markdown with a link to the record', async () => {
    const rec = await evidenceFor('suspected_violation');
    expect(r.received).toHaveLength(1);
    const msg = r.received[0];
    expect(msg.msgtype).toBe('markdown');
    expect(msg.markdown.content).toContain('【涉嫌环境违法】郑州某铸造有限公司');
    expect(msg.markdown.content).toContain('冲天炉未配套除尘设施，直排');
    expect(msg.markdown.content).toContain('拍摄时间：10-20 09:31');
    expect(msg.markdown.content).toContain(`https://ancha.example.gov.cn/inspections/${rec.id}`);
  });

  it('stays quiet for records without a suspected violation', async () => {
    const before = r.received.length;
    await evidenceFor('no_problem');
    expect(r.received).toHaveLength(before);
  });

  it('retries when the robot fails', async () => {
    const before = r.received.length;
    r.failNext(1);
    await evidenceFor('suspected_violation');
    expect(r.received).toHaveLength(before + 1);
  }, 15_000);
});
