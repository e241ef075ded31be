import type { PhoneDailyWarningOut, RoleBinding } from '@ancha/core';
import type { AppContext } from '../../context.ts';
import { actsForGroup, fieldScopeOf } from '../teams/field.policy.ts';
import { fieldContext } from '../teams/teams.service.ts';
import { listPackages } from './packages.service.ts';

/**
 * The 19:00 warning as the phone shows it: today's package of each group the user works in,
 * with what is still missing. A leader or liaison acts for the whole group and sees all of it;
 * an inspector sees only their own team's shortfall (quota, evidence), since the group's typical
 * case and handovers are the leader's to finish. Province-wide users get nothing here: the
 * console's 每日报送 page is theirs.
 */
export async function phoneDailyWarning(
  ctx: AppContext,
  principal: { personId: string | null; roles: readonly RoleBinding[] },
): Promise<PhoneDailyWarningOut> {
  const scope = fieldScopeOf(principal.roles);
  const asOf = ctx.now().toISOString();
  const here = await fieldContext(ctx, principal, scope);
  if (scope.all) return { date: here.date, asOf, groups: [] };
  const packages = await listPackages(ctx, principal.roles, { date: here.date });
  const groups: PhoneDailyWarningOut['groups'] = [];
  for (const p of packages) {
    const whole = actsForGroup(principal.roles, p.groupId);
    const team = here.team?.groupId === p.groupId ? here.team.number : null;
    // An inspector not in a team of this group today has no shortfall of their own in it.
    if (!whole && team === null) continue;
    groups.push({
      groupId: p.groupId,
      groupNumber: p.groupNumber,
      stationedCity: p.stationedCity,
      forTeamNumber: whole ? null : team,
      warningAt: p.warningAt,
      deadlineAt: p.deadlineAt,
      state: p.state,
      text: p.text,
      missing: whole ? p.missing : p.missing.filter((m) => m.teamNumber === team),
    });
  }
  return { date: here.date, asOf, groups };
}
