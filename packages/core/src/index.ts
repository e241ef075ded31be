export * from './calendar/workingDays.ts';
export * from './campaign/groupTable.ts';
export * from './campaign/plan2020.ts';
export * from './campaign/roster.ts';
export * from './campaign/rosterSheet.ts';
export * from './campaign/rounds.ts';
export * from './campaign/settings.ts';
export * from './capabilities.ts';
export * from './dispatch/index.ts';
export * from './divisions.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './field/creditCode.ts';
export * from './field/geo.ts';
export * from './field/quota.ts';
export * from './field/taxonomy.ts';
export * from './people/index.ts';
export * from './problems/lifecycle.ts';
export * from './problems/numbering.ts';
export * from './reports/index.ts';
export * from './roles.ts';
export * from './schemas/audit.ts';
export * from './schemas/auth.ts';
export * from './schemas/campaign.ts';
export * from './schemas/common.ts';
export * from './schemas/documents.ts';
export * from './schemas/field.ts';
export * from './schemas/jobs.ts';
export * from './schemas/mail.ts';
export * from './schemas/media.ts';
export * from './schemas/people.ts';
export * from './schemas/problems.ts';
export * from './schemas/system.ts';
export * from './schemas/tasks.ts';
export * from './schemas/teams.ts';
export * from './tasks/kinds.ts';
export * from './time.ts';

// Validation messages in Chinese wherever a schema has no message of its own (server and clients alike).
import { z } from 'zod';

z.config(z.locales.zhCN());

export * from './schemas/staffing.ts';
