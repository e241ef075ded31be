import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/db/migrate.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
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
      checked: 2,
      firstBroken: { seq: victim.seq, id: victim.id },
    });

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

  it('detects a deleted entry', async () => {
    const fresh = await startPlatform(target);
    try {
      await makeUser(fresh, [{ role: 'command' }]);
      const rows = await fresh.ctx.db.selectFrom('audit_log').select('seq').orderBy('seq').execute();
      await fresh.ctx.db.deleteFrom('audit_log').where('seq', '=', rows[1]!.seq).execute();
      const r = await verifyAuditChain(fresh.ctx);
      expect(r.ok).toBe(false);
      expect(r.firstBroken!.seq).toBe(rows[2]!.seq);
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
