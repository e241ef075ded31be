import { PLAN_2020 } from '@ancha/core';
import { generatePassword } from './config.ts';
import { type AppContext, SYSTEM_ACTOR } from './context.ts';
import type { Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { audited } from './modules/audit/audited.ts';
import { createCampaignFromPlan, findCampaignByName } from './modules/campaign/campaign.service.ts';
import { seedDivisions } from './modules/org/org.service.ts';
import { createUser, usernameTaken } from './modules/users/users.service.ts';

export interface BootstrapReport {
  divisionsSeeded: number;
  campaignSeeded: boolean;
  /** Set only when the admin account was created with a generated password: print it once. */
  generatedAdminPassword: string | null;
}

/**
 * Brings any database, empty or not, to a usable state: migrations, divisions, the plan's
 * campaign and the first admin. Idempotent: every step checks before it writes.
 */
export async function bootstrap(ctx: AppContext, database: Database): Promise<BootstrapReport> {
  await migrateToLatest(database);
  const report: BootstrapReport = { divisionsSeeded: 0, campaignSeeded: false, generatedAdminPassword: null };
  report.divisionsSeeded = await audited(ctx, SYSTEM_ACTOR, async (w) => {
    const n = await seedDivisions(w.ctx);
    if (n) await w.audit({ action: 'divisions.seed', entity: 'division', data: { count: n } });
    else w.unchanged();
    return n;
  });
  if (ctx.config.seed) {
    report.campaignSeeded = await audited(ctx, SYSTEM_ACTOR, async (w) => {
      if (await findCampaignByName(w.ctx, PLAN_2020.name)) {
        w.unchanged();
        return false;
      }
      await createCampaignFromPlan(w, PLAN_2020);
      return true;
    });
  }
  if (!(await usernameTaken(ctx, 'admin'))) {
    const password = ctx.config.adminPassword ?? generatePassword();
    await createUser(ctx, SYSTEM_ACTOR, {
      username: 'admin',
      password,
      displayName: '系统管理员',
      roles: [{ role: 'admin' }],
    });
    if (!ctx.config.adminPassword) report.generatedAdminPassword = password;
  }
  return report;
}
