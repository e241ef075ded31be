import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/db/migrate.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { audited } from '../src/modules/audit/audited.ts';
import { testTargets } from './databases.ts';
import { makeUser } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

describe.each(testTargets())('audit chain on %s', (target) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(target);
    await makeUser(p, [{ role: 'command' }]);
    await p.login('admin');
  });
  afterAll(() => p.close());

  it('holds after start-up, user creation and logins', async () => {
    const r = await verifyAuditChain(p.ctx);
    expect(r.ok).toBe(true);
    expect(r.checked).toBeGreaterThanOrEqual(4);
  });

  it('keeps one unbroken chain under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 8 }, () => makeUser(p, [{ role: 'datadesk' }])));
    expect((await verifyAuditChain(p.ctx)).ok).toBe(true);
  });

  it('hashes text as it is stored: a lone surrogate that got past the edge does not read as tampering', async () => {
    // The edge refuses such text (badinput.test.ts); a job or an import could still hand one in.
    await audited(p.ctx, { userId: null, name: 'import \ud800', ip: null }, (w) =>
      w.audit({ action: 'test.surrogate', entity: 'test', entityId: 'a\udfff', data: { note: '\ud800' } }),
    );
    const row = await p.ctx.db
      .selectFrom('audit_log')
      .select(['actor_name', 'entity_id'])
      .where('action', '=', 'test.surrogate')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ actor_name: 'import \uFFFD', entity_id: 'a\uFFFD' });
    expect(await verifyAuditChain(p.ctx)).toMatchObject({ ok: true, brokenCount: 0, broken: [] });
  });

  it('names the first edited entry, through the API and the CLI', async () => {
    const rows = await p.ctx.db.selectFrom('audit_log').select(['seq', 'id']).orderBy('seq').execute();
    const victim = rows[2]!;
    await p.ctx.db
      .updateTable('audit_log')
      .set({ actor_name: 'someone-else' })
      .where('seq', '=', victim.seq)
      .execute();
    const admin = await p.login('admin');
    const r = await p.call('GET', '/audit/verify', { token: admin });
    expect(r.json()).toMatchObject({
      ok: false,
      checked: expect.any(Number),
      brokenCount: 1,
      broken: [{ seq: victim.seq, id: victim.id }],
      firstBroken: { seq: victim.seq, id: victim.id },
    });
    expect(r.json().checked).toBeGreaterThan(rows.length);

    const env = {
      ...process.env,
      ANCHA_DATA_DIR: p.ctx.config.dataDir,
      DATABASE_URL: p.ctx.config.databaseUrl ?? '',
      LOG_LEVEL: 'silent',
    };
    let out = '';
    let code = 0;
    try {
      out = execFileSync('npx', ['tsx', 'apps/server/src/cli.ts', 'audit', 'verify'], {
        env,
        encoding: 'utf8',
        cwd: new URL('../../..', import.meta.url).pathname,
      });
    } catch (e: any) {
      code = e.status;
      out = e.stdout;
    }
    expect(code).toBe(1);
    expect(out).toContain(`第 ${victim.seq} 条`);
    expect(out).toContain(victim.id);
  });

  it('reports every broken entry, not only the first: edits and a deletion further on', async () => {
    const rows = await p.ctx.db.selectFrom('audit_log').select(['seq', 'id']).orderBy('seq').execute();
    const [edited, deletedBefore, later] = [rows[5]!, rows[8]!, rows[9]!];
    await p.ctx.db
      .updateTable('audit_log')
      .set({ data: '{"forged":true}' })
      .where('seq', '=', edited.seq)
      .execute();
    await p.ctx.db.deleteFrom('audit_log').where('seq', '=', deletedBefore.seq).execute();
    const last = rows[rows.length - 1]!;
    await p.ctx.db.updateTable('audit_log').set({ ip: '10.0.0.1' }).where('seq', '=', last.seq).execute();
    const r = await verifyAuditChain(p.ctx);
    expect(r.ok).toBe(false);
    // rows[2] from the test before, then each new break on its own; nothing between them.
    expect(r.broken.map((b) => b.seq)).toEqual([rows[2]!.seq, edited.seq, later.seq, last.seq]);
    expect(r.broken[2]!.reason).toContain('prev_hash');
    expect(r.brokenCount).toBe(4);
    expect(r.checked).toBe(rows.length - 1);
  });

  it('detects a deleted entry', async () => {
    const fresh = await startPlatform(target);
    try {
      await makeUser(fresh, [{ role: 'command' }]);
      const rows = await fresh.ctx.db.selectFrom('audit_log').select('seq').orderBy('seq').execute();
      await fresh.ctx.db.deleteFrom('audit_log').where('seq', '=', rows[1]!.seq).execute();
      const r = await verifyAuditChain(fresh.ctx);
      expect(r.ok).toBe(false);
      expect(r.firstBroken!.seq).toBe(rows[2]!.seq);
      expect(r.broken.map((b) => b.seq)).toEqual([rows[2]!.seq]);
    } finally {
      await fresh.close();
    }
  });

  it('runs migrations from empty and again as a no-op', async () => {
    const tables = await p.ctx.db.introspection.getTables();
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'audit_log',
        'campaigns',
        'inspection_groups',
        'people',
        'round_memberships',
        'sessions',
        'users',
      ]),
    );
    await migrateToLatest(p.database);
  });
});
