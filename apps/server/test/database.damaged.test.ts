import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createPlatform } from '../src/server.ts';
import { freshDatabase } from './databases.ts';
import { ADMIN_PASSWORD } from './harness.ts';

describe('starting on a damaged database', () => {
  it('refuses with a clear message instead of starting on it', async () => {
    const fresh = await freshDatabase('sqlite');
    const config = loadConfig(
      {},
      {
        dataDir: fresh.dataDir,
        databaseUrl: null,
        logLevel: 'silent',
        adminPassword: ADMIN_PASSWORD,
        jobs: false,
      },
    );
    try {
      const first = await createPlatform(config);
      await first.close();
      // What a copy taken mid-write looks like: a b-tree page overwritten with other bytes.
      const file = join(fresh.dataDir, 'ancha.db');
      const db = new SQLite(file, { readonly: true });
      const { rootpage } = db
        .prepare("select rootpage from sqlite_master where name = 'audit_log'")
        .get() as {
        rootpage: number;
      };
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.close();
      const fd = openSync(file, 'r+');
      writeSync(fd, Buffer.alloc(200, 0x5a), 0, 200, (rootpage - 1) * pageSize);
      closeSync(fd);

      await expect(createPlatform(config)).rejects.toThrow(/已损坏[\s\S]*restore/);
    } finally {
      await fresh.drop();
    }
  });
});
