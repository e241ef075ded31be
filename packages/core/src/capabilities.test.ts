import { describe, expect, it } from 'vitest';
import { CAPABILITIES, CAPABILITY_NAMES, can } from './capabilities.ts';
import { ROLES } from './roles.ts';

describe('capabilities', () => {
  it('name only known roles', () => {
    for (const name of CAPABILITY_NAMES) for (const r of CAPABILITIES[name]) expect(ROLES).toContain(r);
  });

  it('give a bureau nothing of plans, groups, rosters or field work', () => {
    const bureau = [{ role: 'bureau' as const, divisionCode: '410105' }];
    const held = CAPABILITY_NAMES.filter((c) => can(bureau, c)).sort();
    expect(held).toEqual([
      'bureau.inbox',
      'handovers.document',
      'media.read',
      'problems.act',
      'problems.read',
    ]);
  });

  it('give a dispatching city its groups and its people, nothing of the field', () => {
    const dispatcher = [{ role: 'dispatcher' as const, divisionCode: '4112' }];
    expect(CAPABILITY_NAMES.filter((c) => can(dispatcher, c)).sort()).toEqual([
      'campaign.read',
      'nominations.read',
      'nominations.write',
      'people.read',
      'roster.request',
    ]);
  });

  it('are held through any one binding', () => {
    const both = [
      { role: 'bureau' as const, divisionCode: '410105' },
      { role: 'inspector' as const, groupId: '0190e2a0-0000-7000-8000-000000000001' },
    ];
    expect(can(both, 'field.read')).toBe(true);
    expect(can([], 'problems.read')).toBe(false);
  });
});
