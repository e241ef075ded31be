import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { campaignRoutes } from './campaign/campaign.routes.ts';
import { documentsRoutes } from './documents/documents.routes.ts';
import { renderHandoverDocument } from './documents/documents.service.ts';
import { handoverJobs } from './handovers/handovers.jobs.ts';
import { HANDOVER_DOCX } from './handovers/handovers.mail.ts';
import { inspectionsRoutes } from './inspections/inspections.routes.ts';
import { issuanceRoutes } from './issuance/issuance.routes.ts';
import { liveRoutes } from './live/live.routes.ts';
import { mediaJobs } from './media/media.jobs.ts';
import { mediaRoutes } from './media/media.routes.ts';
import { readableThroughEvidence } from './media/media.service.ts';
import type { ServerModule } from './module.ts';
import { mailJobs } from './notify/notify.jobs.ts';
import { notifyRoutes } from './notify/notify.routes.ts';
import { startWebhookForwarder } from './notify/webhook.forwarder.ts';
import { orgRoutes } from './org/org.routes.ts';
import { peopleRoutes } from './people/people.routes.ts';
import { problemsRoutes } from './problems/problems.routes.ts';
import { describeFollowUps, readableThroughProblems } from './problems/problems.service.ts';
import { sitesRoutes } from './sites/sites.routes.ts';
import { NOTICE_DOCX, renderNoticeDocument } from './staffing/notices.service.ts';
import { staffingRoutes } from './staffing/staffing.routes.ts';
import { taskJobs } from './tasks/tasks.jobs.ts';
import { tasksRoutes } from './tasks/tasks.routes.ts';
import { teamsRoutes } from './teams/teams.routes.ts';
import { usersRoutes } from './users/users.routes.ts';

/**
 * Every area of the server, in the order their routes are registered. Where a new task kind,
 * document, job or event goes: the module that owns it registers it here (README, "Where
 * things go").
 */
export const MODULES: readonly ServerModule[] = [
  { name: 'auth', routes: authRoutes },
  { name: 'users', routes: usersRoutes },
  { name: 'org', routes: orgRoutes },
  { name: 'campaign', routes: campaignRoutes },
  { name: 'audit', routes: auditRoutes },
  { name: 'people', routes: peopleRoutes },
  {
    name: 'staffing',
    routes: staffingRoutes,
    register: (ctx) => ctx.documents.register(NOTICE_DOCX, renderNoticeDocument),
  },
  { name: 'teams', routes: teamsRoutes },
  { name: 'sites', routes: sitesRoutes },
  { name: 'inspections', routes: inspectionsRoutes },
  {
    name: 'media',
    routes: mediaRoutes,
    jobs: mediaJobs,
    register: (ctx) => ctx.media.readers.push(readableThroughEvidence),
  },
  { name: 'live', routes: liveRoutes },
  {
    name: 'problems',
    routes: problemsRoutes,
    register(ctx) {
      ctx.media.readers.push(readableThroughProblems);
      ctx.taskKinds.register('follow_up', describeFollowUps);
    },
  },
  { name: 'handovers', jobs: handoverJobs },
  { name: 'tasks', routes: tasksRoutes, jobs: taskJobs },
  {
    name: 'documents',
    routes: documentsRoutes,
    register: (ctx) => ctx.documents.register(HANDOVER_DOCX, renderHandoverDocument),
  },
  { name: 'issuance', routes: issuanceRoutes },
  {
    name: 'notify',
    routes: notifyRoutes,
    jobs: (ctx, { mail }) => mailJobs(ctx, mail),
    start: (ctx, log) => startWebhookForwarder(ctx, log),
  },
];
