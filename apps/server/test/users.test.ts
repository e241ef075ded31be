import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { planCampaign } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

describe.each(testTargets())('users on %s', (target) => {
  let p: TestPlatform;
  let admin: string;
  beforeAll(async () => {
    p = await startPlatform(target);
    admin = await p.login('admin');
  });
  afterAll(() => p.close());

  it('lets an admin create a leader bound to a group, who can then log in', async () => {
    const { groupByCity } = await planCampaign(p);
    const group = groupByCity('4101');
    const r = await p.call('POST', '/users', {
      token: admin,
      body: {
        username: 'zz-leader',
        password: 'leader-pass-123',
        displayName: '张组长',
        roles: [{ role: 'leader', groupId: group.id }],
      },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().roles).toEqual([{ role: 'leader', groupId: group.id }]);
    const login = await p.call('POST', '/auth/login', {
      body: { username: 'zz-leader', password: 'leader-pass-123' },
    });
    expect(login.statusCode).toBe(200);
    const audit = await p.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.create')
      .where('entity_id', '=', r.json().id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).not.toContain('leader-pass-123');
  });

  it('rejects bad input with 4xx and saves nothing', async () => {
    const before = await p.ctx.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const cases: [unknown, number, string][] = [
      [{ username: 'x', password: 'short', displayName: '', roles: [] }, 400, 'validation_failed'],
      [
        {
          username: 'leader-no-group',
          password: 'long-enough-1',
          displayName: '李',
          roles: [{ role: 'leader' }],
        },
        400,
        'validation_failed',
      ],
      [
        {
          username: 'bureau-bad',
          password: 'long-enough-1',
          displayName: '王',
          roles: [{ role: 'bureau', divisionCode: '9999' }],
        },
        400,
        'validation_failed',
      ],
      [
        {
          username: 'bureau-prov',
          password: 'long-enough-1',
          displayName: '王',
          roles: [{ role: 'bureau', divisionCode: '41' }],
        },
        400,
        'validation_failed',
      ],
      [
        { username: 'admin', password: 'long-enough-1', displayName: '重名', roles: [{ role: 'command' }] },
        409,
        'conflict',
      ],
      [
        {
          username: 'ghost-group',
          password: 'long-enough-1',
          displayName: '赵',
          roles: [{ role: 'inspector', groupId: '0192f000-0000-7000-8000-000000000000' }],
        },
        400,
        'validation_failed',
      ],
    ];
    for (const [body, status, code] of cases) {
      const r = await p.call('POST', '/users', { token: admin, body });
      expect(r.statusCode, JSON.stringify(body)).toBe(status);
      expect(r.json().error.code).toBe(code);
      expect(r.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const after = await p.ctx.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('binds a county bureau and lists users with their roles', async () => {
    const r = await p.call('POST', '/users', {
      token: admin,
      body: {
        username: 'bureau-zhongyuan',
        password: 'bureau-pass-12',
        displayName: '中原区分局',
        roles: [{ role: 'bureau', divisionCode: '410102' }],
      },
    });
    expect(r.statusCode).toBe(201);
    const list = await p.call('GET', '/users?q=bureau-zhongyuan', { token: admin });
    expect(list.json().items).toEqual([
      expect.objectContaining({
        username: 'bureau-zhongyuan',
        roles: [{ role: 'bureau', divisionCode: '410102' }],
      }),
    ]);
  });

  it('does not let an admin lock themselves out', async () => {
    const me = (await p.call('GET', '/auth/me', { token: admin })).json();
    const r = await p.call('PATCH', `/users/${me.id}`, { token: admin, body: { disabled: true } });
    expect(r.statusCode).toBe(409);
  });
});
