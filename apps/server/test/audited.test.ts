import type { AnyDomainEvent } from '@ancha/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/context.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { audited } from '../src/modules/audit/audited.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { testTargets } from './databases.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

describe.each(testTargets())('writes made of writes on %s', (target) => {
  let p: TestPlatform;
  const events: AnyDomainEvent[] = [];
  beforeAll(async () => {
    p = await startPlatform(target);
    // What this instance publishes, as it publishes it (other instances hear it later over NOTIFY).
    p.ctx.events.onLocal('tasks.due_soon', (ev) => events.push(ev));
  });
  afterAll(() => p?.close());

  const user = (username: string) => ({
    username,
    password: 'nested-pass-1234',
    displayName: username,
    roles: [{ role: 'datadesk' as const }],
  });
  const exists = async (username: string) =>
    !!(await p.ctx.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst());
  const someEvent = (): AnyDomainEvent =>
    ({
      type: 'tasks.due_soon',
      campaignId: 'c',
      at: p.clock.now().toISOString(),
      audience: { groupIds: [] },
      data: {},
    }) as never;

  it('lets a service write join the write it is called in: all of it commits, or none of it', async () => {
    await expect(
      audited(p.ctx, SYSTEM_ACTOR, async (w) => {
        await createUser(w.ctx, SYSTEM_ACTOR, user('nested-a'));
        await w.audit({ action: 'test.outer', entity: 'test' });
        throw new Error('the larger write fails after its part succeeded');
      }),
    ).rejects.toThrow(/larger write fails/);
    expect(await exists('nested-a')).toBe(false);

    await audited(p.ctx, SYSTEM_ACTOR, async (w) => {
      await createUser(w.ctx, SYSTEM_ACTOR, user('nested-b'));
      // A part that fails in the database is undone alone (a savepoint); the rest goes on and commits.
      await audited(w.ctx, SYSTEM_ACTOR, async (part) => {
        await createUser(part.ctx, SYSTEM_ACTOR, user('nested-x'));
        await sql`select * from no_such_table`.execute(part.tx);
      }).catch(() => null);
      await createUser(w.ctx, SYSTEM_ACTOR, user('nested-c'));
      await w.audit({ action: 'test.outer', entity: 'test' });
    });
    expect(await exists('nested-b')).toBe(true);
    expect(await exists('nested-c')).toBe(true);
    expect(await exists('nested-x')).toBe(false);
    expect((await verifyAuditChain(p.ctx)).ok).toBe(true);
  });

  it('holds what a write publishes until the outermost write commits, and drops it on rollback', async () => {
    events.length = 0;
    let seenInside = -1;
    await audited(p.ctx, SYSTEM_ACTOR, async (w) => {
      await audited(w.ctx, SYSTEM_ACTOR, async (inner) => {
        inner.ctx.events.publish(someEvent());
        await inner.audit({ action: 'test.inner', entity: 'test' });
      });
      seenInside = events.length;
      await w.audit({ action: 'test.outer', entity: 'test' });
    });
    expect(seenInside).toBe(0);
    expect(events).toHaveLength(1);

    events.length = 0;
    await audited(p.ctx, SYSTEM_ACTOR, async (w) => {
      w.ctx.events.publish(someEvent());
      throw new Error('rolled back');
    }).catch(() => null);
    expect(events).toHaveLength(0);
  });
});
