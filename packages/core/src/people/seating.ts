/**
 * Who sits where once a round's group table is confirmed: the table says how many people each
 * dispatching city sends to each group and which city provides the leader; this picks the
 * people from that city's qualified nominees and gives each a roster role — the leader, the
 * data-desk secondees (资料调度组), the members of the 2-person teams. Pure and deterministic:
 * nominees are taken in the order given (the order they were nominated), so confirming the
 * same table twice seats the same people in the same places.
 */

import { cityOf } from '../divisions.ts';
import type { MembershipRole } from '../schemas/people.ts';
import { type Nominee, nomineeSubject } from './nominee.ts';
import { qualificationChecks } from './qualification.ts';

export interface SeatingRow {
  number: number;
  stationedCityCode: string;
  dataDeskCount: number;
  dispatchingCities: readonly { code: string; headcount: number; providesLeader: boolean }[];
}

export interface SeatingNominee {
  /** The caller's key of the nomination (its id). */
  key: string;
  nominee: Nominee;
}

export interface PlannedSeat {
  key: string;
  groupNumber: number;
  role: Extract<MembershipRole, 'leader' | 'member' | 'datadesk'>;
  cityCode: string;
}

export interface SeatingResult {
  seats: PlannedSeat[];
  /** Seats the table asks for that no qualified nominee can fill, in Chinese. */
  shortfalls: string[];
}

/**
 * Seats the table's people. A city's leader nominees lead the groups it provides the leader
 * for (in group order); everyone else it sends comes from its member nominees, then its
 * leader nominees not needed as leaders. A group's data-desk seats go to the last people
 * placed in it (its members otherwise), so the leader is never a secondee.
 */
export function seatPlannedRoster(
  table: readonly SeatingRow[],
  nominees: readonly SeatingNominee[],
  round: { startDate: string; endDate: string },
  cityName: (code: string) => string = (c) => c,
): SeatingResult {
  const qualifiedFor = (n: SeatingNominee, role: 'leader' | 'member', groupNumber: number) =>
    qualificationChecks(
      nomineeSubject(
        { ...n.nominee, nominatedRole: role },
        { groupNumber, roundStartDate: round.startDate, roundEndDate: round.endDate },
      ),
    ).every((c) => c.ok);
  const byCity = new Map<string, SeatingNominee[]>();
  for (const n of nominees) {
    const city = cityOf(n.nominee.homeDivisionCode);
    byCity.set(city, [...(byCity.get(city) ?? []), n]);
  }
  const taken = new Set<string>();
  const take = (city: string, pick: (n: SeatingNominee) => boolean) => {
    const found = (byCity.get(city) ?? []).find((n) => !taken.has(n.key) && pick(n));
    if (found) taken.add(found.key);
    return found;
  };
  const rows = [...table].sort((a, b) => a.number - b.number);
  const seats: PlannedSeat[] = [];
  const shortfalls: string[] = [];

  // Leaders first, across all groups, so a city's leader nominees are not used up as members.
  const leaderOf = new Map<number, SeatingNominee>();
  for (const row of rows) {
    const d = row.dispatchingCities.find((c) => c.providesLeader);
    if (!d) continue;
    const leader = take(
      d.code,
      (n) => n.nominee.nominatedRole === 'leader' && qualifiedFor(n, 'leader', row.number),
    );
    if (leader) leaderOf.set(row.number, leader);
    else shortfalls.push(`第${row.number}组：${cityName(d.code)}没有可任组长的合格人选`);
  }
  for (const row of rows) {
    const group: PlannedSeat[] = [];
    const leader = leaderOf.get(row.number);
    if (leader)
      group.push({
        key: leader.key,
        groupNumber: row.number,
        role: 'leader',
        cityCode: cityOf(leader.nominee.homeDivisionCode),
      });
    for (const d of row.dispatchingCities) {
      const wanted = d.headcount - (d.providesLeader ? 1 : 0);
      let placed = 0;
      while (placed < wanted) {
        const n =
          take(
            d.code,
            (x) => x.nominee.nominatedRole === 'member' && qualifiedFor(x, 'member', row.number),
          ) ?? take(d.code, (x) => qualifiedFor(x, 'member', row.number));
        if (!n) break;
        group.push({ key: n.key, groupNumber: row.number, role: 'member', cityCode: d.code });
        placed++;
      }
      if (placed < wanted) {
        shortfalls.push(`第${row.number}组：${cityName(d.code)}应派${wanted}名组员，合格人选只够${placed}名`);
      }
    }
    // Data-desk seats from the end, never the leader.
    let desk = Math.min(row.dataDeskCount, group.filter((s) => s.role === 'member').length);
    for (let i = group.length - 1; i >= 0 && desk > 0; i--) {
      if (group[i]!.role === 'member') {
        group[i] = { ...group[i]!, role: 'datadesk' };
        desk--;
      }
    }
    seats.push(...group);
  }
  return { seats, shortfalls };
}
