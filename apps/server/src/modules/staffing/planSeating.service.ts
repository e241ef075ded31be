import {
  AppError,
  type PlanRuleViolationOut,
  type RosterGroup,
  type RosterSeat,
  rosterProblems,
  seatPlannedRoster,
} from '@ancha/core';
import type { PeopleTable, RoundMembershipsTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import type { Write } from '../audit/audited.ts';
import * as people from '../people/people.repository.ts';
import { openRoster, seatOf } from '../people/roster.service.ts';
import * as teams from '../teams/teams.repository.ts';
import { disableAccountIfOffRoster } from '../users/accounts.service.ts';
import * as repo from './nominations.repository.ts';
import { nomineeOf } from './nominations.service.ts';

/** A confirmed table row, as far as seating reads it. */
export interface TableRow {
  number: number;
  stationedCityCode: string;
  headcount: number;
  dataDeskCount: number;
  liaisonCount: number;
  dispatchingCities: { code: string; headcount: number; providesLeader: boolean }[];
}

type Role = RoundMembershipsTable['role'];

/**
 * Seats a confirmed table's people on the round's roster, inside the confirmation's write:
 * core's `seatPlannedRoster` picks the qualified nominees (leader of the leading city, the
 * members, the data-desk secondees), a person record is made for each from the nomination
 * (matched by mobile number, the key people and accounts share), and the roster rules — one
 * leader per group, 异地交叉, seats per the table — are checked on the roster as it will be.
 *
 * Re-confirming (with edits) makes the nominees' seats match the new table and nothing else:
 * a nominee already in the seat the table gives them keeps it (with their account and team);
 * one the table moves is moved; one it no longer needs leaves the roster (their roster account
 * is disabled unless they sit in another open round). Seats of anyone not nominated for this
 * round — liaisons, people added by hand — stay as they are and are counted first. A nominee
 * who is already in a 2-person team cannot be moved or removed this way (409): the leader
 * dissolves the team first. Any refusal rolls back the whole confirmation, table included.
 * Accounts are the next step (POST /rounds/:id/accounts), which binds them to these seats.
 */
export async function seatConfirmedTable(
  w: Write,
  roundId: string,
  table: readonly TableRow[],
  cityName: (code: string) => string,
): Promise<PlanRuleViolationOut[]> {
  const { ctx, tx } = w;
  const { round, groups, roster } = await openRoster(ctx, tx, roundId);
  const groupOf = new Map(groups.map((g) => [g.stationed_city_code, g]));
  const everyNomination = await repo.roundNominations(tx, roundId);
  const nominations = everyNomination.filter((n) => n.state === 'nominated');
  const planned = seatPlannedRoster(
    table,
    nominations.map((n) => ({ key: n.id, nominee: nomineeOf(n) })),
    { startDate: round.start_date, endDate: round.end_date },
    cityName,
  );
  const nominationOf = new Map(nominations.map((n) => [n.id, n]));
  const byNumber = new Map(table.map((r) => [r.number, r]));

  // People from nominations, by mobile number: created, or their record brought up to date.
  const now = ctx.now().toISOString();
  const known = new Map(
    (
      await people.peopleByPhones(
        tx,
        planned.seats.map((s) => nominationOf.get(s.key)!.phone),
      )
    ).map((p) => [p.phone, p]),
  );
  const personOf = new Map<string, { id: string; name: string; home: string; homeName?: string }>();
  let createdPeople = 0;
  for (const seat of planned.seats) {
    const n = nominationOf.get(seat.key)!;
    const fromNomination = {
      unit: n.unit,
      position: n.position,
      cert_number: n.cert_number,
      cert_valid_until: n.cert_valid_until,
    };
    const existing = known.get(n.phone);
    if (existing) {
      const changed = Object.entries(fromNomination).some(
        ([k, v]) => existing[k as keyof typeof fromNomination] !== v,
      );
      if (changed) await people.updatePerson(tx, existing.id, { ...fromNomination, updated_at: now });
      personOf.set(seat.key, {
        id: existing.id,
        name: existing.name,
        home: existing.home_division_code,
        homeName: existing.home_division_name ?? undefined,
      });
    } else {
      const row: PeopleTable = {
        id: newId(),
        name: n.name,
        home_division_code: n.home_division_code,
        phone: n.phone,
        created_at: now,
        updated_at: now,
        ...fromNomination,
      };
      await people.insertPerson(tx, row);
      createdPeople++;
      personOf.set(seat.key, { id: row.id, name: row.name, home: row.home_division_code });
    }
  }

  // Whose seats this confirmation owns: everyone nominated for the round (any state).
  const nominatedPhones = new Set(everyNomination.map((n) => n.phone));
  const owned = roster.filter((m) => nominatedPhones.has(m.phone) && m.role !== 'liaison');
  const kept = roster.filter((m) => !owned.includes(m));
  const wanted = planned.seats.map((s) => {
    const g = groupOf.get(byNumber.get(s.groupNumber)!.stationedCityCode)!;
    return { seat: s, person: personOf.get(s.key)!, group: g };
  });

  const rosterGroups: RosterGroup[] = table.map((r) => {
    const g = groupOf.get(r.stationedCityCode)!;
    return {
      id: g.id,
      number: g.number,
      stationedCityCode: r.stationedCityCode,
      stationedCityName: g.stationed_city_name ?? undefined,
      headcount: r.headcount,
      dataDeskCount: r.dataDeskCount,
      liaisonCount: r.liaisonCount,
    };
  });
  const seats: RosterSeat[] = [
    ...kept.map(seatOf),
    ...wanted.map((x) => ({
      personKey: x.person.id,
      personName: x.person.name,
      homeDivisionCode: x.person.home,
      homeDivisionName: x.person.homeName,
      groupId: x.group.id,
      role: x.seat.role,
    })),
  ];
  const problems = rosterProblems(rosterGroups, seats);
  if (problems.length) {
    throw new AppError('conflict', problems.map((p) => p.message).join('；'), {
      rules: [...new Set(problems.map((p) => p.rule))],
    });
  }

  // The difference between the roster the nominees have and the one the table gives them.
  const current = new Map(owned.map((m) => [m.person_id, m]));
  const wantedIds = new Set(wanted.map((x) => x.person.id));
  const removed = owned.filter((m) => !wantedIds.has(m.person_id));
  const moved = wanted.filter((x) => {
    const m = current.get(x.person.id);
    return m && (m.group_id !== x.group.id || m.role !== x.seat.role);
  });
  const added = wanted.filter((x) => !current.has(x.person.id));
  for (const m of [...removed, ...moved.map((x) => current.get(x.person.id)!)]) {
    if (await teams.teamOfPersonInRound(tx, roundId, m.person_id)) {
      throw new AppError(
        'conflict',
        `${m.name}已编入第${m.group_number}组的小组，确认后的分组表要调整其名单位置，请组长先解散该小组`,
        { rule: 'in_team', personId: m.person_id },
      );
    }
  }
  for (const m of removed) await people.deleteMembership(tx, m.id);
  // Leaders last, so a group's old leader has moved or gone before the new one arrives.
  const rank = (r: Role) => (r === 'leader' ? 1 : 0);
  for (const x of [...moved].sort((a, b) => rank(a.seat.role) - rank(b.seat.role))) {
    await people.moveMembership(tx, current.get(x.person.id)!.id, x.group.id, x.seat.role);
  }
  for (const x of added) {
    await people.insertMembership(tx, {
      id: newId(),
      round_id: roundId,
      group_id: x.group.id,
      person_id: x.person.id,
      role: x.seat.role,
      created_at: now,
    });
  }
  const disabled: string[] = [];
  for (const m of removed) {
    const userId = await disableAccountIfOffRoster(ctx, m.person_id);
    if (userId) disabled.push(userId);
  }
  const brief = (x: (typeof wanted)[number]) => ({
    personId: x.person.id,
    name: x.person.name,
    groupNumber: x.seat.groupNumber,
    role: x.seat.role,
  });
  await w.audit({
    action: 'round.roster_seat',
    entity: 'round',
    entityId: roundId,
    data: {
      roundNumber: round.number,
      peopleCreated: createdPeople,
      added: added.map(brief),
      moved: moved.map(brief),
      removed: removed.map((m) => ({ personId: m.person_id, name: m.name, groupNumber: m.group_number })),
      accountsDisabled: disabled,
      shortfalls: planned.shortfalls,
    },
  });
  return planned.shortfalls.map((message) => ({
    rule: 'seating_shortfall',
    severity: 'warning' as const,
    cityCodes: [],
    message,
  }));
}
