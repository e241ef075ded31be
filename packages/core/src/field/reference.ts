/**
 * A record's readable reference, e.g. 第1组-3小组-20201020-05: the group, the team, the
 * (Shanghai) day, and the record's place in that team's day by start time. People say and
 * write it on the phone and in reports instead of the record's UUID. It is stable once the
 * day is over; during the day a record synced late from an offline phone, but started
 * earlier, takes its place in time order, which is what a team's log of the day means.
 */
export function inspectionReference(
  groupNumber: number,
  teamNumber: number,
  localDate: string,
  seq: number,
): string {
  return `第${groupNumber}组-${teamNumber}小组-${localDate.replaceAll('-', '')}-${String(seq).padStart(2, '0')}`;
}

/** Each record's place (1-based) in its team's day: by start time, then id (ties of the same second). */
export function daySequence(
  records: readonly { id: string; teamId: string; localDate: string; startedAt: string }[],
): Map<string, number> {
  const byDay = new Map<string, (typeof records)[number][]>();
  for (const r of records) {
    const k = `${r.teamId}|${r.localDate}`;
    byDay.set(k, [...(byDay.get(k) ?? []), r]);
  }
  const out = new Map<string, number>();
  for (const day of byDay.values()) {
    day.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
    for (const [i, r] of day.entries()) out.set(r.id, i + 1);
  }
  return out;
}

/**
 * The one order of people's names on every screen and document: by pinyin (zh collation), so a
 * team reads the same in the team table, a record and the phone — not by database id or by the
 * database's own collation, which differs between SQLite and PostgreSQL.
 */
export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, 'zh-Hans-CN');
}
