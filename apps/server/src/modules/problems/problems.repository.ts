import { AWAITING_FEEDBACK_STATES, bureauCoverageColumn } from '@ancha/core';
import { type ExpressionBuilder, sql } from 'kysely';
import type { Tx } from '../../context.ts';
import type { DB, HandoversTable, ProblemEventsTable, ProblemsTable } from '../../db/schema.ts';
import type { ProblemScope } from './problems.policy.ts';

/** The scope predicate, shared by every read of problems. */
function inScope(eb: ExpressionBuilder<DB, 'problems'>, scope: ProblemScope) {
  const ors = [];
  if (scope.groupIds.length) {
    ors.push(eb('problems.group_id', 'in', scope.groupIds));
    ors.push(
      eb(
        'problems.id',
        'in',
        eb
          .selectFrom('follow_up_tasks')
          .select('follow_up_tasks.problem_id')
          .where('follow_up_tasks.group_id', 'in', scope.groupIds),
      ),
    );
  }
  for (const code of scope.bureauDivisions) {
    const col =
      bureauCoverageColumn(code) === 'city' ? 'handovers.bureau_city_code' : 'handovers.bureau_division_code';
    ors.push(
      eb(
        'problems.id',
        'in',
        eb.selectFrom('handovers').select('handovers.problem_id').where(col, '=', code),
      ),
    );
  }
  // No scope at all: match nothing (a literal false does not bind on better-sqlite3).
  return ors.length ? eb.or(ors) : sql<boolean>`1 = 0`;
}

export interface ProblemFilter {
  campaignId?: string;
  roundId?: string;
  groupId?: string;
  cityCode?: string;
  state?: string;
  kind?: string;
  q?: string;
  overdueAsOf?: string;
  ids?: string[];
  before?: { at: string; id: string };
  limit: number;
}

export async function listProblems(tx: Tx, f: ProblemFilter, scope: ProblemScope) {
  let q = tx.selectFrom('problems').selectAll('problems');
  if (!scope.all) q = q.where((eb) => inScope(eb, scope));
  if (f.campaignId) q = q.where('problems.campaign_id', '=', f.campaignId);
  if (f.roundId) q = q.where('problems.round_id', '=', f.roundId);
  if (f.groupId) q = q.where('problems.group_id', '=', f.groupId);
  if (f.cityCode)
    q = q.where((eb) =>
      eb.or([eb('problems.city_code', '=', f.cityCode!), eb('problems.division_code', '=', f.cityCode!)]),
    );
  if (f.state) q = q.where('problems.state', '=', f.state);
  if (f.kind) q = q.where('problems.kind', '=', f.kind);
  if (f.ids) q = f.ids.length ? q.where('problems.id', 'in', f.ids) : q.where('problems.id', '=', '');
  if (f.q) q = q.where('problems.description', 'like', `%${f.q}%`);
  if (f.overdueAsOf) {
    const day = f.overdueAsOf;
    q = q
      .innerJoin('handovers as ch', 'ch.id', 'problems.current_handover_id')
      .where('ch.deadline', '<', day)
      .where('problems.state', 'in', AWAITING_FEEDBACK_STATES);
  }
  if (f.before) {
    const b = f.before;
    q = q.where((eb) =>
      eb.or([
        eb('problems.created_at', '<', b.at),
        eb.and([eb('problems.created_at', '=', b.at), eb('problems.id', '<', b.id)]),
      ]),
    );
  }
  return q.orderBy('problems.created_at', 'desc').orderBy('problems.id', 'desc').limit(f.limit).execute();
}

export async function findProblem(tx: Tx, id: string, scope: ProblemScope) {
  let q = tx.selectFrom('problems').selectAll('problems').where('problems.id', '=', id);
  if (!scope.all) q = q.where((eb) => inScope(eb, scope));
  return q.executeTakeFirst();
}

export async function insertProblems(tx: Tx, rows: ProblemsTable[]) {
  if (rows.length)
    await tx
      .insertInto('problems')
      .values(rows)
      .onConflict((oc) => oc.columns(['inspection_id', 'ordinal']).doNothing())
      .execute();
}

export async function updateProblem(
  tx: Tx,
  id: string,
  expectedState: string,
  patch: Partial<ProblemsTable>,
) {
  // The state guard makes two concurrent actions on one problem resolve to one winner.
  const r = await tx
    .updateTable('problems')
    .set(patch)
    .where('id', '=', id)
    .where('state', '=', expectedState)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEvent(tx: Tx, row: ProblemEventsTable) {
  await tx.insertInto('problem_events').values(row).execute();
}

export async function eventsOf(tx: Tx, problemId: string) {
  return tx
    .selectFrom('problem_events')
    .selectAll()
    .where('problem_id', '=', problemId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Takes the next handover number of a campaign; the row stays locked until commit, so numbers are gap-free. */
export async function nextHandoverSeq(tx: Tx, campaignId: string): Promise<number> {
  const r = await tx
    .insertInto('handover_counters')
    .values({ campaign_id: campaignId, last_seq: 1 })
    .onConflict((oc) =>
      oc.column('campaign_id').doUpdateSet({ last_seq: sql`handover_counters.last_seq + 1` }),
    )
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(r.last_seq);
}

export async function insertHandover(tx: Tx, row: HandoversTable) {
  await tx.insertInto('handovers').values(row).execute();
}

export async function updateHandover(tx: Tx, id: string, patch: Partial<HandoversTable>) {
  await tx.updateTable('handovers').set(patch).where('id', '=', id).execute();
}

export async function handoversOf(tx: Tx, problemIds: string[]) {
  if (problemIds.length === 0) return [];
  return tx
    .selectFrom('handovers')
    .selectAll()
    .where('problem_id', 'in', problemIds)
    .orderBy('handed_over_at')
    .execute();
}

export async function findHandover(tx: Tx, id: string) {
  return tx.selectFrom('handovers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function attachmentsOf(tx: Tx, problemId: string) {
  return tx
    .selectFrom('problem_attachments as a')
    .innerJoin('media_objects as m', 'm.sha256', 'a.sha256')
    .select([
      'a.id',
      'a.purpose',
      'a.sha256',
      'a.name',
      'a.uploaded_by',
      'a.uploaded_at',
      'a.handover_id',
      'm.kind',
      'm.mime',
      'm.thumbnail_key',
    ])
    .where('a.problem_id', '=', problemId)
    .orderBy('a.uploaded_at')
    .execute();
}

export async function countAttachments(
  tx: Tx,
  problemId: string,
  purpose: 'after_photo' | 'feedback' | 'follow_up',
  handoverId?: string,
) {
  let q = tx
    .selectFrom('problem_attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('problem_id', '=', problemId)
    .where('purpose', '=', purpose);
  if (handoverId) q = q.where('handover_id', '=', handoverId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function openTaskOf(tx: Tx, problemId: string) {
  return tx
    .selectFrom('follow_up_tasks')
    .selectAll()
    .where('problem_id', '=', problemId)
    .where('state', '=', 'open')
    .executeTakeFirst();
}

export async function insertTask(tx: Tx, row: DB['follow_up_tasks']) {
  await tx.insertInto('follow_up_tasks').values(row).execute();
}

export async function closeTask(tx: Tx, id: string, state: 'done' | 'carried', at: string) {
  await tx.updateTable('follow_up_tasks').set({ state, done_at: at }).where('id', '=', id).execute();
}

/** The group stationed in a city for the round of a campaign that contains `date` (else the last round). */
export async function stationedGroupFor(tx: Tx, campaignId: string, cityCode: string, date: string) {
  const rounds = await tx
    .selectFrom('rounds')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('number')
    .execute();
  const round =
    rounds.find((r) => r.start_date <= date && date <= r.end_date) ??
    rounds.find((r) => r.start_date > date) ??
    rounds[rounds.length - 1];
  const group = await tx
    .selectFrom('inspection_groups')
    .select(['id', 'number'])
    .where('campaign_id', '=', campaignId)
    .where('stationed_city_code', '=', cityCode)
    .executeTakeFirst();
  return round && group ? { round, group } : null;
}

export async function bureauMailbox(tx: Tx, divisionCode: string) {
  return tx
    .selectFrom('bureau_mailboxes')
    .selectAll()
    .where('division_code', '=', divisionCode)
    .executeTakeFirst();
}

export async function listTasks(tx: Tx, f: { groupIds?: string[]; state?: string; roundId?: string }) {
  let q = tx
    .selectFrom('follow_up_tasks as t')
    .innerJoin('problems as p', 'p.id', 't.problem_id')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .innerJoin('rounds as r', 'r.id', 't.round_id')
    .innerJoin('handovers as h', 'h.id', 't.handover_id')
    .select([
      't.id',
      't.problem_id',
      't.group_id',
      't.round_id',
      't.state',
      't.created_at',
      't.done_at',
      't.carried_from',
      'r.number as round_number',
      'r.end_date as round_end',
      'p.description',
      'p.state as problem_state',
      's.name as site_name',
      's.address as site_address',
      's.id as site_id',
      'h.number as handover_number',
    ]);
  if (f.groupIds) q = f.groupIds.length ? q.where('t.group_id', 'in', f.groupIds) : q.where('t.id', '=', '');
  if (f.state) q = q.where('t.state', '=', f.state as 'open');
  if (f.roundId) q = q.where('t.round_id', '=', f.roundId);
  return q.orderBy('r.end_date').orderBy('t.created_at').execute();
}

/** Open follow-ups of rounds that end on or before `date`: the ones to carry into the next round. */
export async function openTasksOfEndedRounds(tx: Tx, date: string) {
  return tx
    .selectFrom('follow_up_tasks as t')
    .innerJoin('rounds as r', 'r.id', 't.round_id')
    .selectAll('t')
    .select(['r.campaign_id', 'r.number as round_number'])
    .where('t.state', '=', 'open')
    .where('r.end_date', '<', date)
    .execute();
}

export async function roundByNumber(tx: Tx, campaignId: string, number: number) {
  return tx
    .selectFrom('rounds')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('number', '=', number)
    .executeTakeFirst();
}

export async function insertAttachment(tx: Tx, row: DB['problem_attachments']) {
  const r = await tx
    .insertInto('problem_attachments')
    .values(row)
    .onConflict((oc) => oc.columns(['problem_id', 'purpose', 'sha256']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findAttachment(tx: Tx, problemId: string, purpose: string, sha256: string) {
  return tx
    .selectFrom('problem_attachments')
    .selectAll()
    .where('problem_id', '=', problemId)
    .where('purpose', '=', purpose as 'feedback')
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

/**
 * A stored object readable through a problem in scope: attached to the problem, or evidence of
 * the inspection that found it. This is how a bureau sees the photos of what was handed to it.
 */
export async function problemMediaObject(tx: Tx, sha256: string, scope: ProblemScope) {
  return tx
    .selectFrom('media_objects as m')
    .selectAll('m')
    .where('m.sha256', '=', sha256)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('problems')
          .select('problems.id')
          .where((p) =>
            p.or([
              p.exists(
                p
                  .selectFrom('problem_attachments as a')
                  .select('a.id')
                  .whereRef('a.problem_id', '=', 'problems.id')
                  .whereRef('a.sha256', '=', 'm.sha256'),
              ),
              p.exists(
                p
                  .selectFrom('evidence as e')
                  .select('e.id')
                  .whereRef('e.inspection_id', '=', 'problems.inspection_id')
                  .whereRef('e.sha256', '=', 'm.sha256'),
              ),
            ]),
          )
          .$if(!scope.all, (q) => q.where((x) => inScope(x, scope))),
      ),
    )
    .executeTakeFirst();
}

export async function eventByClientId(tx: Tx, problemId: string, clientId: string) {
  return tx
    .selectFrom('problem_events')
    .select(['id', 'action'])
    .where('problem_id', '=', problemId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** Handovers still waiting for the bureau's feedback whose deadline is `deadline`. */
export async function handoversAwaitingFeedback(tx: Tx, deadline: string) {
  return tx
    .selectFrom('handovers as h')
    .innerJoin('problems as p', 'p.current_handover_id', 'h.id')
    .innerJoin('divisions as d', 'd.code', 'h.bureau_division_code')
    .select([
      'h.id',
      'h.number',
      'h.deadline',
      'h.bureau_division_code',
      'h.reminder_sent_at',
      'd.name as division_name',
    ])
    .where('h.deadline', '=', deadline)
    .where('h.feedback_at', 'is', null)
    .where('p.state', 'in', AWAITING_FEEDBACK_STATES)
    .orderBy('h.seq')
    .execute();
}

/**
 * Marks a handover reminded. `once`: only if never reminded before. The update takes the row
 * lock, so of two racing runs one wins. Returns whether this call marked it.
 */
export async function markReminded(tx: Tx, id: string, now: string, once: boolean) {
  const r = await tx
    .updateTable('handovers')
    .set((eb) => ({ reminder_sent_at: eb.fn.coalesce('reminder_sent_at', eb.val(now)) }))
    .where('id', '=', id)
    .$if(once, (q) => q.where('reminder_sent_at', 'is', null))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function roundsEndingOn(tx: Tx, date: string) {
  return tx.selectFrom('rounds').selectAll().where('end_date', '=', date).execute();
}

export async function groupsOfCampaign(tx: Tx, campaignId: string) {
  return tx
    .selectFrom('inspection_groups')
    .select(['id', 'number'])
    .where('campaign_id', '=', campaignId)
    .orderBy('number')
    .execute();
}

export async function openTaskCountsByGroup(tx: Tx, roundId: string) {
  const rows = await tx
    .selectFrom('follow_up_tasks')
    .select((eb) => ['group_id', eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId)
    .where('state', '=', 'open')
    .groupBy('group_id')
    .execute();
  return new Map(rows.map((c) => [c.group_id, Number(c.n)]));
}
