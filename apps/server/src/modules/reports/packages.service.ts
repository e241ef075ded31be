import { createHash, randomUUID } from 'node:crypto';
import {
  AppError,
  addDays,
  type DailyPackageOut,
  type DailyPackageTimes,
  dailyPackageStatus,
  diffManifests,
  type ManifestFile,
  missingForDailyPackage,
  monthDayLabel,
  packageDeadlineAt,
  packageWarningAt,
  parseStoredManifest,
  type RoleBinding,
  reportCityName,
  type StoredManifest,
  shanghaiDate,
  shanghaiMinuteOfDay,
} from '@ancha/core';
import { type Actor, type AppContext, SYSTEM_ACTOR } from '../../context.ts';
import type { DailyPackagesTable } from '../../db/schema.ts';
import { audited } from '../audit/audited.ts';
import { campaignSettingsOf, roundForDate } from '../campaign/campaign.service.ts';
import { HANDOVER_DOCX } from '../handovers/handovers.mail.ts';
import { enqueueMail } from '../notify/mail.service.ts';
import { type FieldScope, fieldScopeOf, inScope } from '../teams/field.policy.ts';
import { TYPICAL_CASE_DOCX } from './cases.service.ts';
import { DAILY_LEDGER_XLSX } from './ledger.render.ts';
import * as repo from './reports.repository.ts';

/**
 * The daily package (每天晚上8点前将交办单、典型案例报送指定邮箱): per group and Shanghai day,
 * that day's 交办单, typical cases and problem list, mailed through the outbox. A leader may
 * send early; the scheduled send at the deadline goes once per group and day (the package row's
 * scheduled_at is claimed under a compare-and-set, on top of the job's (name, period) key),
 * and carries only what changed since a send by hand — or nothing, when nothing did.
 */

type Group = { id: string; number: number; campaign_id: string; city: string };

const truncate = (t: string, n: number) => ([...t].length > n ? `${[...t].slice(0, n).join('')}…` : t);
const sha = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

/** What goes into a group's package for a day, each file with a fingerprint of its content. */
async function contents(ctx: AppContext, g: Group, date: string, times: DailyPackageTimes) {
  // The day's window ends at its deadline; what comes after travels tomorrow (core packageDayOf).
  const from = packageDeadlineAt(addDays(date, -1), times).toISOString();
  const to = packageDeadlineAt(date, times).toISOString();
  const handovers = await repo.handoversOfDay(ctx.db, g.id, from, to);
  const cases = await repo.listCases(ctx.db, { groupId: g.id, date }, { all: true });
  const problems = await repo.problemsOfDay(ctx.db, g.id, date);
  // Each item's fingerprint is of its source rows (ids + updated_at): what the reader would see change.
  const files: ManifestFile[] = [
    ...handovers.map((h) => ({
      kind: 'handover_form' as const,
      refId: h.id,
      contentHash: sha([h.id, h.number, h.deadline, h.requirements, h.problem_id, h.updated_at]),
      name: `交办单${h.number}.docx`,
      label: `交办单${h.number}`,
    })),
    ...cases.map((c) => ({
      kind: 'typical_case' as const,
      refId: c.id,
      contentHash: sha([c.id, c.updated_at, c.public_exposure]),
      name: `典型案例_${c.company_name}.docx`,
      label: `典型案例“${c.company_name}”`,
    })),
    {
      kind: 'daily_ledger' as const,
      refId: `${g.id}_${date}`,
      contentHash: sha(problems.map((p) => [p.id, p.state, p.updated_at])),
      name: `第${g.number}组问题清单_${date.replaceAll('-', '')}.xlsx`,
      label: '当日问题清单',
      rows: problems.map((p) => ({
        id: p.id,
        label: `${p.site_name}：${truncate(p.description, 20)}`,
        fingerprint: sha([p.id, p.state, p.updated_at]),
      })),
    },
  ];
  return { files, handovers: handovers.length, cases: cases.length, problems: problems.length };
}

const SOURCE = {
  handover_form: HANDOVER_DOCX,
  typical_case: TYPICAL_CASE_DOCX,
  daily_ledger: DAILY_LEDGER_XLSX,
};

async function groupsOf(
  ctx: AppContext,
  ids: string[] | undefined,
  campaignId: string | undefined,
  scope: FieldScope,
) {
  return (await repo.groupsWithCity(ctx.db, { ids, campaignId }, scope)).map((g) => ({
    id: g.id,
    number: g.number,
    campaign_id: g.campaign_id,
    city: reportCityName(g.city_name ?? g.stationed_city_code),
  }));
}

function packageRow(g: Group, date: string, at: string): DailyPackagesTable {
  return {
    id: randomUUID(),
    campaign_id: g.campaign_id,
    group_id: g.id,
    date,
    warned_at: null,
    warning: null,
    scheduled_at: null,
    created_at: at,
  };
}

type SendRow = Awaited<ReturnType<typeof repo.sendsOf>>[number];

/**
 * The last send the mailbox has or is about to get: mailed, and not given up on. A later send
 * is compared with it, so a mail that never arrived does not hide its files from the next one.
 */
function mailboxCopy(sends: readonly SendRow[]): SendRow | null {
  return [...sends].reverse().find((s) => s.mail_id && s.status !== 'failed') ?? null;
}

/** What a send changed against the send it was compared with, one line per item. */
function changesOf(send: SendRow, sends: readonly SendRow[]): string[] {
  const mine = parseStoredManifest(send.manifest);
  if (mine.comparedToSeq === null) return [];
  const base = sends.find((s) => s.seq === mine.comparedToSeq);
  return base ? diffManifests(parseStoredManifest(base.manifest).files, mine.files).lines : [];
}

/**
 * Prepares and queues one send of a group's package. `scheduled`: the deadline's send, at most
 * once per group and day; null when another instance or an earlier run has it.
 */
export async function sendPackage(
  ctx: AppContext,
  actor: Actor,
  g: Group,
  date: string,
  trigger: 'scheduled' | 'manual',
): Promise<{ summary: string; mailId: string | null } | null> {
  const settings = await campaignSettingsOf(ctx, g.campaign_id);
  const c = await contents(ctx, g, date, settings.dailyPackage);
  const sent = await audited(ctx, actor, async (w) => {
    const now = ctx.now().toISOString();
    const pkg = await repo.ensurePackage(w.tx, packageRow(g, date, now));
    if (trigger === 'scheduled' && !(await repo.claimScheduled(w.tx, pkg.id, now))) {
      w.unchanged();
      return null;
    }
    const previous = await repo.sendsOf(w.tx, [pkg.id]);
    const last = previous[previous.length - 1];
    const base = mailboxCopy(previous);
    const diff = diffManifests(base ? parseStoredManifest(base.manifest).files : null, c.files);
    const to = settings.reportMailbox;
    // A send by hand that would tell the mailbox nothing new is refused: the mailbox has it
    // all, and a mail saying "no change" only buries the next real one.
    if (trigger === 'manual' && to && base && !diff.hasChanges) {
      throw new AppError('conflict', `与第${base.seq}次报送的内容相同，无需再次报送`);
    }
    // A scheduled send after a send by hand with nothing new adds no mail either.
    const skip = trigger === 'scheduled' && base !== null && !diff.hasChanges;
    let mailId: string | null = null;
    if (to && !skip) {
      const title = `第${g.number}组（驻${g.city}暗访核查组）${monthDayLabel(date)}`;
      const attach = [...diff.added, ...diff.changed.map((x) => x.after)];
      mailId = await enqueueMail(w.ctx, {
        kind: 'daily_package',
        refId: pkg.id,
        to,
        subject: `【暗访核查每日报送】${title}${base ? '（更新）' : ''}`,
        text: [
          '省生态环境厅暗访核查指挥调度组：',
          '',
          `现报送${title}的交办单${c.handovers}份、典型案例${c.cases}份及当日问题清单（问题${c.problems}个）。`,
          diff.summary,
          ...(diff.lines.length ? ['变更明细：', ...diff.lines.map((l, i) => `${i + 1}. ${l}`)] : []),
          ...(base ? [`本邮件只附新增和更新的文件；其余见第${base.seq}次报送的邮件。`] : []),
          ...(c.cases === 0 ? ['', '注意：本组当日尚无典型案例。'] : []),
          '',
          `驻${g.city}暗访核查组`,
        ].join('\n'),
        attachments: attach.map((f) => ({ filename: f.name ?? '', source: SOURCE[f.kind], refId: f.refId })),
      });
    }
    const stored: StoredManifest = { files: c.files, comparedToSeq: base?.seq ?? null };
    await repo.insertSend(w.tx, {
      id: randomUUID(),
      package_id: pkg.id,
      seq: (last?.seq ?? 0) + 1,
      trigger,
      mail_id: mailId,
      manifest: JSON.stringify(stored),
      summary: skip ? '与上次发送的内容相同，未再发送。' : to ? diff.summary : '未配置指定邮箱，未发送。',
      prepared_at: now,
      prepared_by: actor.userId ?? 'system',
    });
    await w.audit({
      action: `daily_package.${trigger}`,
      entity: 'daily_package',
      entityId: pkg.id,
      data: { groupId: g.id, date, to, summary: diff.summary, changes: diff.lines, mailId },
    });
    return { summary: diff.summary, mailId };
  });
  if (sent) {
    ctx.events.publish({
      type: 'reports.daily_package',
      campaignId: g.campaign_id,
      at: ctx.now().toISOString(),
      audience: { groupIds: [g.id] },
      data: { groupId: g.id, date },
    });
    if (sent.mailId) ctx.jobs.kick('mail.drain');
  }
  return sent;
}

/** The leader's send by hand (before or after 20:00): a later send says what changed. */
export async function sendPackageByHand(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  groupId: string,
  date: string,
) {
  const [g] = await groupsOf(ctx, [groupId], undefined, fieldScopeOf(roles));
  if (!g || !roles.some((r) => r.role === 'command' || r.role === 'admin' || r.groupId === groupId)) {
    throw new AppError('not_found', '核查组不存在');
  }
  await sendPackage(ctx, actor, g, date, 'manual');
  return (await listPackages(ctx, roles, { date, groupId }))[0]!;
}

/** What a group still lacks for its package (core's 19:00 rule), from the day's records. */
export async function missingOf(ctx: AppContext, g: Group, date: string) {
  const settings = await campaignSettingsOf(ctx, g.campaign_id);
  const round = await roundForDate(ctx, g.campaign_id, date);
  const { teams, rows } = round
    ? await repo.teamDayCounts(ctx.db, g.id, round.id, date)
    : { teams: [], rows: [] };
  const violations = await repo.violationsOfDay(ctx.db, g.id, date);
  const cases = await repo.listCases(ctx.db, { groupId: g.id, date }, { all: true });
  return missingForDailyPackage(
    {
      typicalCasesSubmitted: cases.length,
      teams: teams.map((t) => {
        const mine = rows.filter((r) => r.team_id === t.id);
        return {
          teamNumber: t.number,
          sites: new Set(mine.map((r) => r.site_id)).size,
          industrialSites: new Set(mine.filter((r) => r.kind === 'industrial').map((r) => r.site_id)).size,
        };
      }),
      violationsWithoutEvidence: violations
        .filter((v) => v.evidence_count === 0)
        .map((v) => ({ teamNumber: v.number, inspectionId: v.id, siteName: v.name })),
      lateEvidence: violations
        .filter((v) => v.late_evidence)
        .map((v) => ({ teamNumber: v.number, inspectionId: v.id, siteName: v.name })),
      handoversWithoutDocument: [],
    },
    settings.quota,
  );
}

/** Each group's package of a day in the caller's scope, with its state (core dailyPackageStatus). */
export async function listPackages(
  ctx: AppContext,
  roles: readonly RoleBinding[],
  q: { date?: string; groupId?: string },
): Promise<DailyPackageOut[]> {
  const scope = fieldScopeOf(roles);
  if (q.groupId && !inScope(scope, q.groupId)) return [];
  const date = q.date ?? shanghaiDate(ctx.now());
  const groups = await groupsOf(ctx, q.groupId ? [q.groupId] : undefined, undefined, scope);
  const pkgs = new Map(
    (
      await repo.packagesOn(
        ctx.db,
        date,
        groups.map((g) => g.id),
      )
    ).map((p) => [p.group_id, p]),
  );
  const sends = await repo.sendsOf(
    ctx.db,
    [...pkgs.values()].map((p) => p.id),
  );
  const out: DailyPackageOut[] = [];
  const now = ctx.now();
  for (const g of groups) {
    const settings = await campaignSettingsOf(ctx, g.campaign_id);
    const times = settings.dailyPackage;
    const pkg = pkgs.get(g.id);
    const mine = pkg ? sends.filter((s) => s.package_id === pkg.id) : [];
    const mailed = mine.filter((s) => s.mail_id);
    const delivered = mailed.filter((s) => s.sent_at).sort((a, b) => a.sent_at!.localeCompare(b.sent_at!))[0];
    const current = delivered ?? mailed[mailed.length - 1];
    const status = dailyPackageStatus(
      {
        date,
        preparedAt: mine[0] ? new Date(mine[0].prepared_at) : null,
        sentAt: delivered?.sent_at ? new Date(delivered.sent_at) : null,
        attempts: current?.attempts ?? 0,
        gaveUpAt:
          current?.status === 'failed' && current.next_attempt_at ? new Date(current.next_attempt_at) : null,
      },
      now,
      times,
    );
    let text = status.text;
    if (!settings.reportMailbox) text = `${text}；未配置指定邮箱，无法发送`;
    else if (current?.last_error && !delivered) text = `${text}；原因：${current.last_error}`;
    const c = await contents(ctx, g, date, times);
    out.push({
      groupId: g.id,
      groupNumber: g.number,
      stationedCity: g.city,
      date,
      state: status.state,
      text,
      preparedOnTime: status.preparedOnTime,
      overdue: status.overdue,
      deadlineAt: status.deadlineAt.toISOString(),
      warningAt: packageWarningAt(date, times).toISOString(),
      preparedAt: mine[0]?.prepared_at ?? null,
      sentAt: delivered?.sent_at ?? null,
      attempts: current?.attempts ?? 0,
      lastError: current?.last_error ?? null,
      mailbox: settings.reportMailbox,
      missing: await missingOf(ctx, g, date),
      warnedAt: pkg?.warned_at ?? null,
      contents: { handovers: c.handovers, typicalCases: c.cases, problems: c.problems },
      sends: mine.map((s) => ({
        seq: s.seq,
        trigger: s.trigger,
        summary: s.summary,
        preparedAt: s.prepared_at,
        status: s.status ?? null,
        sentAt: s.sent_at ?? null,
        changes: changesOf(s, mine),
      })),
    });
  }
  return out;
}

/** Groups at work on a date: a round of their campaign runs and they have formed teams in it. */
async function groupsAtWork(ctx: AppContext, date: string) {
  const out: { g: Group; times: DailyPackageTimes; roundId: string }[] = [];
  const campaigns = new Set<string>();
  for (const c of await repo.campaignsRunningOn(ctx.db, date)) {
    if (campaigns.has(c.campaign_id)) continue;
    campaigns.add(c.campaign_id);
    const times = (await campaignSettingsOf(ctx, c.campaign_id)).dailyPackage;
    const active = new Set(await repo.groupsWithTeams(ctx.db, c.round_id));
    for (const g of await groupsOf(ctx, undefined, c.campaign_id, { all: true })) {
      if (active.has(g.id)) out.push({ g, times, roundId: c.round_id });
    }
  }
  return out;
}

/**
 * The scheduled send prepares this long before the deadline: the plan says 每天晚上8点前, and a
 * mail prepared at 20:00:00 itself always reaches the mailbox a few seconds late. What arrives
 * in the last minutes the leader sends by hand (the mail says what changed).
 */
export const SEND_LEAD_MS = 5 * 60_000;

/** Until this Shanghai hour a missed deadline of the day before is still caught up (a night's outage). */
const CATCH_UP_UNTIL_HOUR = 6;

/**
 * The minute job: each group at work is warned once after its warning time and its package
 * sent once after its deadline. A deadline missed while the server was down is caught up until
 * 06:00 the next morning; later, the console shows that day as not sent, and why.
 */
export async function runDailyPackages(ctx: AppContext) {
  const now = ctx.now();
  const today = shanghaiDate(now);
  const r = { warned: 0, sent: 0 };
  const dates = shanghaiMinuteOfDay(now) < CATCH_UP_UNTIL_HOUR * 60 ? [addDays(today, -1), today] : [today];
  for (const date of dates) {
    for (const { g, times } of await groupsAtWork(ctx, date)) {
      const warnAt = packageWarningAt(date, times);
      const deadline = packageDeadlineAt(date, times);
      const sendAt = new Date(deadline.getTime() - SEND_LEAD_MS);
      if (now >= warnAt && now < sendAt && (await warnGroup(ctx, g, date, deadline))) r.warned++;
      if (now >= sendAt && (await sendPackage(ctx, SYSTEM_ACTOR, g, date, 'scheduled'))) r.sent++;
    }
  }
  return r;
}

async function warnGroup(ctx: AppContext, g: Group, date: string, deadline: Date): Promise<boolean> {
  const missing = await missingOf(ctx, g, date);
  const warned = await audited(ctx, SYSTEM_ACTOR, async (w) => {
    const pkg = await repo.ensurePackage(w.tx, packageRow(g, date, ctx.now().toISOString()));
    if (!(await repo.claimWarning(w.tx, pkg.id, ctx.now().toISOString(), JSON.stringify(missing)))) {
      w.unchanged();
      return false;
    }
    await w.audit({
      action: 'daily_package.warning',
      entity: 'daily_package',
      entityId: pkg.id,
      data: { missing: missing.length },
    });
    return true;
  });
  if (warned) {
    ctx.events.publish({
      type: 'reports.daily_warning',
      campaignId: g.campaign_id,
      at: ctx.now().toISOString(),
      audience: { groupIds: [g.id] },
      data: {
        groupId: g.id,
        groupNumber: g.number,
        stationedCity: g.city,
        date,
        deadline: deadline.toISOString(),
        missing: missing.map((m) => ({ code: m.code, severity: m.severity, message: m.message })),
      },
    });
  }
  return warned;
}
