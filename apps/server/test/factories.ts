import type { RoleBinding } from '@ancha/core';
import { SYSTEM_ACTOR } from '../src/context.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { TEST_PASSWORD, type TestPlatform } from './harness.ts';

let seq = 0;

/** A user with the given roles (password TEST_PASSWORD), created through the real service. */
export async function makeUser(p: TestPlatform, roles: RoleBinding[], overrides: { username?: string; displayName?: string } = {}) {
  seq++;
  const username = overrides.username ?? `${roles[0]?.role ?? 'user'}-${seq}`;
  const user = await createUser(p.ctx, SYSTEM_ACTOR, {
    username,
    password: TEST_PASSWORD,
    displayName: overrides.displayName ?? `测试用户${seq}`,
    roles,
  });
  return { ...user, token: await p.login(username) };
}

/** The seeded 2020 campaign with its rounds and groups, keyed for tests. */
export async function planCampaign(p: TestPlatform) {
  const c = await p.ctx.db.selectFrom('campaigns').selectAll().where('name', '=', '2020年秋冬季暗访核查').executeTakeFirstOrThrow();
  const rounds = await p.ctx.db.selectFrom('rounds').selectAll().where('campaign_id', '=', c.id).orderBy('number').execute();
  const groups = await p.ctx.db
    .selectFrom('inspection_groups')
    .selectAll()
    .where('campaign_id', '=', c.id)
    .orderBy('number')
    .execute();
  const groupByCity = (code: string) => groups.find((g) => g.stationed_city_code === code)!;
  return { campaign: c, rounds, groups, groupByCity };
}
