import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { campaignRoutes } from './campaign/campaign.routes.ts';
import { dailyReportJobs } from './dashboard/daily.jobs.ts';
import { dailyReportRoutes } from './dashboard/daily.routes.ts';
import { registerDailyReportSections } from './dashboard/daily.sections.ts';
import { dashboardRoutes } from './dashboard/dashboard.routes.ts';
import { closeChecklistTask, describeChecklistTasks } from './dispatch/checklists.service.ts';
import { closeClueTask, describeClueTasks } from './dispatch/clues.service.ts';
import { dispatchJobs } from './dispatch/dispatch.jobs.ts';
import { dispatchRoutes } from './dispatch/dispatch.routes.ts';
import { documentsRoutes } from './documents/documents.routes.ts';
import { renderHandoverDocument } from './documents/documents.service.ts';
import { handoverJobs } from './handovers/handovers.jobs.ts';
import { HANDOVER_DOCX } from './handovers/handovers.mail.ts';
import { inspectionsRoutes } from './inspections/inspections.routes.ts';
import { issuanceRoutes } from './issuance/issuance.routes.ts';
import { ledgersRoutes } from './ledgers/ledgers.routes.ts';
import { liveRoutes } from './live/live.routes.ts';
import { mapRoutes } from './map/map.routes.ts';
import { mediaJobs } from './media/media.jobs.ts';
import { mediaRoutes } from './media/media.routes.ts';
import { readableThroughEvidence } from './media/media.service.ts';
import type { ServerModule } from './module.ts';
import { mailJobs } from './notify/notify.jobs.ts';
import { notifyRoutes } from './notify/notify.routes.ts';
import { startWebhookForwarder } from './notify/webhook.forwarder.ts';
import { orgRoutes } from './org/org.routes.ts';
import { peopleRoutes } from './people/people.routes.ts';
import { priorityRoutes } from './priority/priority.routes.ts';
import { problemsRoutes } from './problems/problems.routes.ts';
import { describeFollowUps, readableThroughProblems } from './problems/problems.service.ts';
import { casesRoutes } from './reports/cases.routes.ts';
import { renderTypicalCaseDocument, TYPICAL_CASE_DOCX } from './reports/cases.service.ts';
import { DAILY_LEDGER_XLSX, renderDailyLedger } from './reports/ledger.render.ts';
import { packagesRoutes } from './reports/packages.routes.ts';
import { reportJobs } from './reports/reports.jobs.ts';
import { roundReportsRoutes } from './reports/roundReports.routes.ts';
import { stageReportsRoutes } from './reports/stageReports.routes.ts';
import { startStageQueue } from './reports/stageReports.service.ts';
import { siteRegistryRoutes } from './sites/sites.registry.routes.ts';
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
  { name: 'map', routes: mapRoutes },
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
  { name: 'dashboard', routes: dashboardRoutes },
  {
    name: 'daily-report',
    routes: dailyReportRoutes,
    jobs: dailyReportJobs,
    register: registerDailyReportSections,
  },
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
    name: 'dispatch',
    routes: dispatchRoutes,
    jobs: dispatchJobs,
    register(ctx) {
      ctx.taskKinds.register('checklist', describeChecklistTasks, closeChecklistTask);
      ctx.taskKinds.register('clue', describeClueTasks, closeClueTask);
    },
  },
  {
    name: 'reports',
    routes: (ctx) => async (app) => {
      await app.register(casesRoutes(ctx));
      await app.register(packagesRoutes(ctx));
      await app.register(roundReportsRoutes(ctx));
      await app.register(stageReportsRoutes(ctx));
    },
    jobs: reportJobs,
    start: (ctx, log) => startStageQueue(ctx, log),
    register(ctx) {
      ctx.documents.register(TYPICAL_CASE_DOCX, renderTypicalCaseDocument);
      ctx.documents.register(DAILY_LEDGER_XLSX, renderDailyLedger);
    },
  },
  { name: 'ledgers', routes: ledgersRoutes },
  { name: 'site-registry', routes: siteRegistryRoutes },
  { name: 'priority-areas', routes: priorityRoutes },
  {
    name: 'notify',
    routes: notifyRoutes,
    jobs: (ctx, { mail }) => mailJobs(ctx, mail),
    start: (ctx, log) => startWebhookForwarder(ctx, log),
  },
];
