import {
  AWAITING_FEEDBACK_STATES,
  bureauCoverageColumn,
  type ProblemKind,
  type ProblemState,
} from '@ancha/core';
import { type ExpressionBuilder, sql } from 'kysely';
import type { Tx } from '../../context.ts';
import type { DB, ProblemEventsTable, ProblemsTable } from '../../db/schema.ts';
import type { ProblemScope } from './problems.policy.ts';

/**
 * The scope predicate, shared by every read of problems: the group that found it; the group
 * given its 回头看; a bureau through a handover addressed to it (a city bureau: its counties').
 */
function inScope(eb: ExpressionBuilder<DB, 'problems'>, scope: ProblemScope) {
  const ors = [];
  if (scope.groupIds.length) {
    ors.push(eb('problems.group_id', 'in', scope.groupIds));
    ors.push(
      eb(
        'problems.id',
        'in',
        eb
          .selectFrom('group_tasks')
          .select('group_tasks.source_id')
          .where('group_tasks.kind', '=', 'follow_up')
          .where('group_tasks.group_id', 'in', scope.groupIds),
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
  state?: ProblemState;
  kind?: ProblemKind;
  q?: string;
  overdueAsOf?: string;
  ids?: readonly string[];
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
    q = q
      .innerJoin('handovers as ch', 'ch.id', 'problems.current_handover_id')
      .where('ch.deadline', '<', f.overdueAsOf)
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

/** Returns the rows this call inserted (a replayed record's problems exist already). */
export async function insertProblems(tx: Tx, rows: ProblemsTable[]) {
  if (rows.length === 0) return [];
  return tx
    .insertInto('problems')
    .values(rows)
    .onConflict((oc) => oc.columns(['inspection_id', 'ordinal']).doNothing())
    .returning(['campaign_id', 'group_id', 'category', 'state'])
    .execute();
}

/** The state guard makes two concurrent actions on one problem resolve to one winner. */
export async function updateProblem(
  tx: Tx,
  id: string,
  expectedState: ProblemState,
  patch: Partial<ProblemsTable>,
) {
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

export async function eventByClientId(tx: Tx, problemId: string, clientId: string) {
  return tx
    .selectFrom('problem_events')
    .select(['id', 'action'])
    .where('problem_id', '=', problemId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** What a problem's presentation needs from its site, group and inspection, for many at once. */
export async function presentationFacts(tx: Tx, rows: readonly ProblemsTable[]) {
  const ids = (f: (r: ProblemsTable) => string) => [...new Set(rows.map(f))];
  const [sites, groups, inspections] = await Promise.all([
    tx
      .selectFrom('sites')
      .selectAll()
      .where(
        'id',
        'in',
        ids((r) => r.site_id),
      )
      .execute(),
    tx
      .selectFrom('inspection_groups')
      .select(['id', 'number', 'stationed_city_code'])
      .where(
        'id',
        'in',
        ids((r) => r.group_id),
      )
      .execute(),
    tx
      .selectFrom('inspections as i')
      .innerJoin('people as a', 'a.id', 'i.inspector1_id')
      .innerJoin('people as b', 'b.id', 'i.inspector2_id')
      .select(['i.id', 'i.started_at', 'i.subtype', 'a.name as a', 'b.name as b'])
      .where(
        'i.id',
        'in',
        ids((r) => r.inspection_id),
      )
      .execute(),
  ]);
  return { sites, groups, inspections };
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
