import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreFrom } from '../src/backup/restore.ts';
import { loadConfig } from '../src/config.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { createPlatform } from '../src/server.ts';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam, makeUser } from './factories.ts';
import { ADMIN_PASSWORD, startPlatform, type TestPlatform } from './harness.ts';
import { jpeg, multipart, sha256hex } from './uploads.ts';

const run = promisify(execFile);
const ROOT = new URL('../../..', import.meta.url).pathname;

/** `npm run ancha -- …` as an operator runs it: another process, its own connection. */
async function ancha(args: string[], env: { dataDir: string; databaseUrl: string | null }) {
  try {
    const r = await run('npx', ['tsx', 'apps/server/src/cli.ts', ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        ANCHA_DATA_DIR: env.dataDir,
        DATABASE_URL: env.databaseUrl ?? '',
        LOG_LEVEL: 'silent',
      },
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

const scratch = () => mkdtempSync(join(tmpdir(), 'ancha-backup-'));

describe.each(testTargets())('backup and restore on %s', (target) => {
  let p: TestPlatform;
  let backupDir: string;
  const photos: { sha256: string; bytes: Buffer }[] = [];
  const dirs: string[] = [];
  const dir = () => {
    const d = scratch();
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    p = await startPlatform(target);
    const team = await makeTeam(p, { city: '4101' });
    const site = await makeSite(p, { county: '410102' });
    for (let i = 0; i < 3; i++) {
      const r = await p.call('POST', '/inspections', {
        token: team.inspector.token,
        body: inspectionBody(team.team.id, site.id),
      });
      const bytes = await jpeg();
      const form = multipart({ sha256: sha256hex(bytes) }, { data: bytes });
      const up = await p.call('POST', `/inspections/${r.json().id}/media`, {
        token: team.inspector.token,
        headers: form.headers,
        body: form.body,
      });
      expect(up.statusCode, up.body).toBe(201);
      photos.push({ sha256: sha256hex(bytes), bytes });
    }
    await p.idle();

    // The backup is taken by another process while this one keeps writing.
    backupDir = join(dir(), 'backup');
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await makeUser(p, [{ role: 'datadesk' }]);
        written++;
      }
    })();
    const r = await ancha(['backup', backupDir], {
      dataDir: p.ctx.config.dataDir,
      databaseUrl: p.ctx.config.databaseUrl,
    });
    writing = false;
    await writer;
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('备份完成');
    expect(written).toBeGreaterThan(0);
  }, 180_000);
  afterAll(async () => {
    await p?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const manifest = (d: string) => JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8'));
  const originalIn = (d: string, sha: string) =>
    join(d, 'media', 'originals', sha.slice(0, 2), sha.slice(2, 4), sha);

  it('writes a manifest of hashes with every original', () => {
    const m = manifest(backupDir);
    expect(m).toMatchObject({ format: 'ancha-backup', formatVersion: 1, database: { dialect: target } });
    for (const ph of photos) {
      expect(m.media.originals).toContainEqual({ sha256: ph.sha256, size: ph.bytes.length });
      expect(readFileSync(originalIn(backupDir, ph.sha256))).toEqual(ph.bytes);
    }
    if (target === 'sqlite')
      expect(m.database.sha256).toBe(sha256hex(readFileSync(join(backupDir, 'ancha.db'))));
  });

  // A CLI process and a second server: slow on a loaded machine.
  it('restores into a fresh data directory, where the server starts with the data, media and audit chain intact', {
    timeout: 120_000,
  }, async () => {
    const fresh = dir();
    const r = await restoreFrom(
      loadConfig({}, { dataDir: fresh, databaseUrl: p.ctx.config.databaseUrl }),
      backupDir,
    );
    expect(r).toMatchObject({ dialect: target, originals: 3 });

    const restored = await createPlatform(
      loadConfig(
        {},
        { dataDir: fresh, databaseUrl: p.ctx.config.databaseUrl, logLevel: 'silent', jobs: false },
      ),
    );
    try {
      expect((await verifyAuditChain(restored.ctx)).ok).toBe(true);
      const login = await restored.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: ADMIN_PASSWORD },
      });
      const token = login.json().token;
      for (const ph of photos) {
        const got = await restored.app.inject({
          method: 'GET',
          url: `/api/v1/media/${ph.sha256}`,
          headers: { authorization: `Bearer ${token}` },
        });
        expect(got.statusCode).toBe(200);
        expect(got.rawPayload).toEqual(ph.bytes);
      }
      const inspections = await restored.ctx.db.selectFrom('inspections').select('id').execute();
      expect(inspections).toHaveLength(3);
    } finally {
      await restored.close();
    }
  });

  it('refuses a backup whose media file was changed, naming it, and restores nothing', {
    timeout: 120_000,
  }, async () => {
    const copy = join(dir(), 'copy');
    cpSync(backupDir, copy, { recursive: true });
    const victim = photos[1]!.sha256;
    const file = originalIn(copy, victim);
    const bytes = readFileSync(file);
    const at = bytes.length - 10;
    bytes[at] = bytes[at]! ^ 0xff;
    writeFileSync(file, bytes);
    const fresh = dir();
    const r = await ancha(['restore', copy], { dataDir: fresh, databaseUrl: p.ctx.config.databaseUrl });
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(new RegExp(`恢复被拒绝[\\s\\S]*原件 ${victim} 的内容与其哈希不符`));
    expect(existsSync(join(fresh, 'ancha.db'))).toBe(false);
    expect(existsSync(join(fresh, 'media', 'originals'))).toBe(false);
  });

  it.runIf(target === 'sqlite')(
    'refuses a changed database file, and one whose audit chain was rewritten',
    async () => {
      const changed = join(dir(), 'changed');
      cpSync(backupDir, changed, { recursive: true });
      const db = new SQLite(join(changed, 'ancha.db'));
      db.prepare("update audit_log set actor_name = 'someone-else' where seq = 3").run();
      db.close();
      const refuse = (from: string) =>
        restoreFrom(loadConfig({}, { dataDir: dir(), databaseUrl: null }), from).then(
          () => '',
          (e: Error) => e.message,
        );
      expect(await refuse(changed)).toMatch(/数据库文件.*哈希/);

      // Whoever changed the file also fixed the manifest: the audit chain still tells.
      const m = manifest(changed);
      m.database.sha256 = sha256hex(readFileSync(join(changed, 'ancha.db')));
      m.database.size = readFileSync(join(changed, 'ancha.db')).length;
      writeFileSync(join(changed, 'manifest.json'), JSON.stringify(m));
      expect(await refuse(changed)).toMatch(/审计日志.*第 3 条/);
    },
  );

  it('refuses to restore over a data directory that already has a database', async () => {
    if (target !== 'sqlite') return;
    const r = await restoreFrom(p.ctx.config, backupDir).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(r).toMatch(/已有数据库/);
  });
});
