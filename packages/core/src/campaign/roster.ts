/**
 * Roster rules of a round (附件3 “人员要求”, 附件1 “暗访核查人员分组”): who may sit in which
 * group, and how many of each kind a group takes. Pure: the server loads the round's roster,
 * asks these rules about the roster it is about to have, and refuses what they name.
 */
import { divisionWithin } from '../divisions.ts';
import type { MembershipRole } from '../schemas/people.ts';

/** Listing order inside a group: who runs it, who coordinates it, then the teams, then the desk. */
export const MEMBERSHIP_ROLE_ORDER: Record<MembershipRole, number> = {
  leader: 0,
  liaison: 1,
  member: 2,
  datadesk: 3,
};

// Defined here rather than imported so this module has no runtime dependency on the schemas.
const ROLE_LABEL: Record<MembershipRole, string> = {
  leader: '组长',
  member: '组员',
  datadesk: '资料调度组',
  liaison: '联络员',
};

/** The part of a group (附件1 row) the roster rules read. */
export interface RosterGroup {
  id: string;
  number: number;
  stationedCityCode: string;
  stationedCityName?: string;
  /** Everyone the dispatching cities send, leader and data-desk secondees included; liaisons excluded. */
  headcount: number;
  dataDeskCount: number;
  liaisonCount: number;
}

/** One seat on the roster: a person in a group with a role. */
export interface RosterSeat {
  /** Any key that identifies the person within this check (a new person may not have an id yet). */
  personKey: string;
  personName: string;
  homeDivisionCode: string;
  homeDivisionName?: string;
  groupId: string;
  role: MembershipRole;
}

export type RosterRule =
  | 'unknown_group'
  | 'own_city'
  | 'duplicate_person'
  | 'leader_taken'
  | 'liaisons_full'
  | 'datadesk_full'
  | 'teams_full';

/** Rules broken by the request itself (400) rather than by the roster it meets (409). */
export const ROSTER_INPUT_RULES: readonly RosterRule[] = ['unknown_group', 'own_city'];

export interface RosterProblem {
  /** Index of the offending seat in the list given to {@link rosterProblems}. */
  index: number;
  rule: RosterRule;
  message: string;
}

/**
 * 异地交叉: the people sent to a group never come from the city it is stationed in. The
 * provincial liaison is exempt — liaisons are provincial staff assigned by the department.
 */
export function breaksCrossCity(
  seat: Pick<RosterSeat, 'homeDivisionCode' | 'role'>,
  group: Pick<RosterGroup, 'stationedCityCode'>,
): boolean {
  return seat.role !== 'liaison' && divisionWithin(seat.homeDivisionCode, group.stationedCityCode);
}

/** Seats for leader and members: the 2-person teams, which the data-desk secondees are not part of. */
export function teamSeats(group: RosterGroup): number {
  return Math.max(0, group.headcount - group.dataDeskCount);
}

/**
 * Checks a whole roster in order. Seats are taken first come, first served, so the caller
 * decides who keeps a seat by ordering: the round's existing memberships first, then what is
 * being added. A seat that breaks a rule of its own (unknown group, own city, person already
 * seated) takes no capacity, so it cannot push a later valid seat over a limit.
 */
export function rosterProblems(
  groups: readonly RosterGroup[],
  seats: readonly RosterSeat[],
): RosterProblem[] {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const seatedIn = new Map<string, number>();
  const leaders = new Map<string, string>();
  const used = new Map<string, { liaison: number; datadesk: number; team: number }>();
  const out: RosterProblem[] = [];

  seats.forEach((seat, index) => {
    const problem = (rule: RosterRule, message: string) => out.push({ index, rule, message });
    const group = byId.get(seat.groupId);
    if (!group) {
      problem('unknown_group', '核查组不属于本轮所在的专项行动');
      return;
    }
    const n = group.number;
    const before = out.length;
    if (breaksCrossCity(seat, group)) {
      const home = seat.homeDivisionName ?? seat.homeDivisionCode;
      const city = group.stationedCityName ?? group.stationedCityCode;
      problem(
        'own_city',
        `异地交叉：${seat.personName}来自${home}，不能担任进驻${city}的第${n}组${ROLE_LABEL[seat.role]}`,
      );
    }
    const already = seatedIn.get(seat.personKey);
    if (already !== undefined) {
      problem('duplicate_person', `${seat.personName}本轮已在第${already}组，同一人每轮只能在一个核查组`);
    }
    if (out.length > before) return;

    const u = used.get(group.id) ?? { liaison: 0, datadesk: 0, team: 0 };
    used.set(group.id, u);
    if (seat.role === 'leader' && leaders.has(group.id)) {
      problem('leader_taken', `第${n}组本轮已有组长（${leaders.get(group.id)}），每组只能有一名组长`);
    } else if (seat.role === 'liaison' && u.liaison >= group.liaisonCount) {
      problem('liaisons_full', full(n, '联络员', group.liaisonCount));
    } else if (seat.role === 'datadesk' && u.datadesk >= group.dataDeskCount) {
      problem('datadesk_full', full(n, '资料调度组人员', group.dataDeskCount));
    } else if ((seat.role === 'leader' || seat.role === 'member') && u.team >= teamSeats(group)) {
      problem('teams_full', full(n, '组长和组员', teamSeats(group)));
    }
    if (out.length > before) return;

    seatedIn.set(seat.personKey, n);
    if (seat.role === 'leader') leaders.set(group.id, seat.personName);
    if (seat.role === 'liaison') u.liaison++;
    else if (seat.role === 'datadesk') u.datadesk++;
    else u.team++;
  });
  return out;
}

function full(groupNumber: number, what: string, limit: number): string {
  return limit === 0
    ? `第${groupNumber}组不设${what}`
    : `第${groupNumber}组${what}名额已满（按分组表共${limit}名）`;
}

/**
 * Seam for the qualification rules of the plan (执法证 of one's own locality, detachment
 * staff or county squad (deputy) leader, nomination by the dispatching city). They arrive
 * with the nominations feature; until then the roster service runs the empty list
 * `QUALIFICATION_RULES` so every write path already passes through this point.
 */
export interface QualificationSubject {
  name: string;
  homeDivisionCode: string;
  position: string;
  certNumber: string | null;
  certValidUntil: string | null;
  role: MembershipRole;
  groupNumber: number;
  roundStartDate: string;
  roundEndDate: string;
}
export type QualificationRule = (subject: QualificationSubject) => string[];

export function qualificationProblems(
  rules: readonly QualificationRule[],
  subject: QualificationSubject,
): string[] {
  return rules.flatMap((rule) => rule(subject));
}

/** Roster order: group number, then role (leader, liaison, member, data desk), then name in pinyin order. */
const zh = new Intl.Collator('zh-CN');
export function compareRosterEntries(
  a: { groupNumber: number; role: MembershipRole; name: string },
  b: { groupNumber: number; role: MembershipRole; name: string },
): number {
  return (
    a.groupNumber - b.groupNumber ||
    MEMBERSHIP_ROLE_ORDER[a.role] - MEMBERSHIP_ROLE_ORDER[b.role] ||
    zh.compare(a.name, b.name)
  );
}
