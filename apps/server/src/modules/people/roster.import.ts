import {
  AppError,
  type PersonPatchBody,
  parseRosterRow,
  type RosterImportResult,
  type RosterRow,
  type RosterSeat,
  rosterProblems,
} from '@ancha/core';
import type { SheetRow } from '../../builders/rosterWorkbook.ts';
import type { Actor, AppContext, Tx } from '../../context.ts';
import type { PeopleTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { audited, type Write } from '../audit/audited.ts';
import * as repo from './people.repository.ts';
import { changedColumns, crossCityConflicts, newPersonRow, personColumns } from './people.service.ts';
import { openRoster, qualificationOf, rosterGroup, seatOf } from './roster.service.ts';

interface Planned extends RosterRow {
  row: number;
  existing?: repo.PersonRow;
  groupId: string;
}

type Errors = Map<number, string[]>;
const add = (errors: Errors, row: number, ...messages: string[]) => {
  if (messages.length) errors.set(row, [...(errors.get(row) ?? []), ...messages]);
};

/**
 * Imports a filled-in roster into a round: all or nothing. Every row is checked on its own,
 * then the round's roster as it would be afterwards is checked as a whole (a person already
 * seated and named in the file is re-seated, not doubled). Only when nothing is wrong are
 * people upserted by phone and seats written, each write audited, in one transaction.
 */
export async function importRoster(
  ctx: AppContext,
  actor: Actor,
  roundId: string,
  rows: SheetRow[],
  file: { name: string; sha256: string; bytes: number },
): Promise<RosterImportResult> {
  try {
    return await audited(ctx, actor, (w) => importInto(ctx, w, roundId, rows, file));
  } catch (err) {
    // The round lock does not cover people: a person registered meanwhile can take a phone.
    if (repo.isUniqueViolation(err)) {
      throw new AppError('conflict', '导入期间有人员被同时登记或编组，请重新导入');
    }
    throw err;
  }
}

async function importInto(
  ctx: AppContext,
  w: Write,
  roundId: string,
  rows: SheetRow[],
  file: { name: string; sha256: string; bytes: number },
): Promise<RosterImportResult> {
  const { tx } = w;
  const opened = await openRoster(ctx, tx, roundId);
  const planned = await plan(ctx, tx, opened, rows);
  const result = await write(ctx, w, roundId, planned, opened.roster);
  await w.audit({
    action: 'roster.import',
    entity: 'round',
    entityId: roundId,
    data: { roundNumber: opened.round.number, file, rows: planned.length, ...result },
  });
  return result;
}

/** Every check, row by row and on the resulting roster; throws 422 listing each bad row. */
async function plan(
  ctx: AppContext,
  tx: Tx,
  { round, groups, roster }: Awaited<ReturnType<typeof openRoster>>,
  rows: SheetRow[],
): Promise<Planned[]> {
  if (rows.length === 0) {
    throw new AppError('import_failed', '名单中没有人员（从第2行起每行填写一人）', { rows: [] });
  }
  const errors: Errors = new Map();
  const groupByNumber = new Map(groups.map((g) => [g.number, g]));

  const parsed: (RosterRow & { row: number })[] = [];
  const firstRowOfPhone = new Map<string, number>();
  for (const r of rows) {
    const result = parseRosterRow(r.cells);
    if (!result.ok) {
      add(errors, r.row, ...result.errors);
      continue;
    }
    const { person, groupNumber } = result.value;
    const first = firstRowOfPhone.get(person.phone);
    if (first !== undefined) {
      add(errors, r.row, `手机号${person.phone}与第${first}行重复，同一人只能填写一行`);
    } else {
      firstRowOfPhone.set(person.phone, r.row);
    }
    if (!groupByNumber.has(groupNumber)) {
      add(
        errors,
        r.row,
        `核查组序号${groupNumber}不存在（本专项行动共${groups.length}个组，见“核查组”工作表）`,
      );
    }
    parsed.push({ ...result.value, row: r.row });
  }

  const divisions = new Map(
    (await repo.existingDivisions(tx, [...new Set(parsed.map((p) => p.person.homeDivisionCode))])).map(
      (d) => [d.code, d.name],
    ),
  );
  for (const p of parsed) {
    if (!divisions.has(p.person.homeDivisionCode)) {
      add(errors, p.row, `所属行政区划代码“${p.person.homeDivisionCode}”不存在（见“行政区划”工作表）`);
    }
  }
  const byPhone = new Map(
    (await repo.peopleByPhones(tx, [...firstRowOfPhone.keys()])).map((p) => [p.phone, p]),
  );
  const planned: Planned[] = parsed
    .filter((p) => !errors.has(p.row))
    .map((p) => ({
      ...p,
      existing: byPhone.get(p.person.phone),
      groupId: groupByNumber.get(p.groupNumber)!.id,
    }));

  // Seats already taken come first, so they keep their places; the file's rows queue behind them.
  const named = new Set(planned.flatMap((p) => (p.existing ? [p.existing.id] : [])));
  const kept = roster.filter((m) => !named.has(m.person_id));
  const seats: RosterSeat[] = [
    ...kept.map(seatOf),
    ...planned.map((p) => ({
      personKey: p.existing?.id ?? `new:${p.person.phone}`,
      personName: p.person.name,
      homeDivisionCode: p.person.homeDivisionCode,
      homeDivisionName: divisions.get(p.person.homeDivisionCode),
      groupId: p.groupId,
      role: p.role,
    })),
  ];
  for (const problem of rosterProblems(groups.map(rosterGroup), seats)) {
    const p = planned[problem.index - kept.length];
    if (p) add(errors, p.row, problem.message);
  }
  const moves = planned.filter(
    (p) => p.existing && p.existing.home_division_code !== p.person.homeDivisionCode,
  );
  const conflicts = await crossCityConflicts(
    ctx,
    tx,
    moves.map((p) => ({
      personId: p.existing!.id,
      name: p.person.name,
      homeDivisionCode: p.person.homeDivisionCode,
      homeDivisionName: divisions.get(p.person.homeDivisionCode) ?? p.person.homeDivisionCode,
    })),
    round.id,
  );
  for (const p of planned) {
    add(errors, p.row, ...(p.existing ? (conflicts.get(p.existing.id) ?? []) : []));
    add(errors, p.row, ...qualificationOf(asStored(p), p.role, p.groupNumber, round));
  }

  if (errors.size) {
    const bad = [...errors].sort(([a], [b]) => a - b).map(([row, messages]) => ({ row, errors: messages }));
    throw new AppError('import_failed', `名单有${bad.length}行不符合要求，未保存任何数据，请改正后重新导入`, {
      rows: bad,
    });
  }
  return planned;
}

/**
 * The person as the file leaves them: blank optional cells (职务, 执法证号, 有效期) keep what is
 * stored, so a city's short list cannot wipe certificate data entered earlier.
 */
function sheetPerson(p: Planned): PersonPatchBody {
  return {
    ...p.person,
    position: p.person.position || undefined,
    certNumber: p.person.certNumber || undefined,
    certValidUntil: p.person.certValidUntil || undefined,
  };
}

/** The person as stored after the import: the row over what was there (see {@link sheetPerson}). */
function asStored(p: Planned) {
  return {
    ...p.person,
    position: p.person.position || p.existing?.position || '',
    certNumber: p.person.certNumber || p.existing?.cert_number || null,
    certValidUntil: p.person.certValidUntil || p.existing?.cert_valid_until || null,
  };
}

async function write(
  ctx: AppContext,
  w: Write,
  roundId: string,
  planned: Planned[],
  roster: repo.MembershipRow[],
): Promise<RosterImportResult> {
  const now = ctx.now().toISOString();
  const result: RosterImportResult = {
    people: { created: 0, updated: 0, unchanged: 0 },
    memberships: { created: 0, updated: 0, unchanged: 0 },
  };
  const { tx } = w;
  const audit = (action: string, entity: string, entityId: string, data: object, row: number) =>
    w.audit({ action, entity, entityId, data: { ...data, via: 'roster.import', row } });
  const seated = new Map(roster.map((m) => [m.person_id, m]));
  for (const p of planned) {
    let personId: string;
    if (p.existing) {
      personId = p.existing.id;
      const { home_division_name: _n, ...stored } = p.existing;
      const changes = changedColumns(stored, personColumns(sheetPerson(p)));
      if (Object.keys(changes).length === 0) result.people.unchanged++;
      else {
        await repo.updatePerson(tx, personId, { ...changes, updated_at: now });
        const before = Object.fromEntries(
          Object.keys(changes).map((k) => [k, stored[k as keyof PeopleTable]]),
        );
        await audit('person.update', 'person', personId, { before, after: changes }, p.row);
        result.people.updated++;
      }
    } else {
      personId = newId();
      await repo.insertPerson(tx, newPersonRow(personId, p.person, now));
      await audit('person.create', 'person', personId, p.person, p.row);
      result.people.created++;
    }

    const seat = {
      roundId,
      groupId: p.groupId,
      groupNumber: p.groupNumber,
      personId,
      personName: p.person.name,
      role: p.role,
    };
    const current = seated.get(personId);
    if (current && current.group_id === p.groupId && current.role === p.role) {
      result.memberships.unchanged++;
    } else if (current) {
      // Re-seated within the round: the same membership moves, so its history stays in one place.
      await repo.moveMembership(tx, current.id, p.groupId, p.role);
      await audit(
        'membership.update',
        'membership',
        current.id,
        { ...seat, before: { groupNumber: current.group_number, role: current.role } },
        p.row,
      );
      result.memberships.updated++;
    } else {
      const id = newId();
      await repo.insertMembership(tx, {
        id,
        round_id: roundId,
        group_id: p.groupId,
        person_id: personId,
        role: p.role,
        created_at: now,
      });
      await audit('membership.create', 'membership', id, seat, p.row);
      result.memberships.created++;
    }
  }
  return result;
}
