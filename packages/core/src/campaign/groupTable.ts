/**
 * Invariants of a group table (附件1). Used to validate the seed and every edit the
 * command group makes, so the table can never drift into something the plan forbids.
 */
export interface GroupRowShape {
  number: number;
  stationedCityCode: string;
  dispatchingCities: { code: string; headcount: number }[];
  headcount: number;
  teamCount: number;
  dataDeskCount: number;
  liaisonCount: number;
}

export interface GroupTableProblem {
  groupNumber: number;
  message: string;
}

/** Problems of one row on its own. */
export function groupRowProblems(row: GroupRowShape): GroupTableProblem[] {
  const out: GroupTableProblem[] = [];
  const p = (message: string) => out.push({ groupNumber: row.number, message });
  if (row.dispatchingCities.length === 0) p('至少需要一个派员地市');
  const codes = row.dispatchingCities.map((d) => d.code);
  if (new Set(codes).size !== codes.length) p('派员地市重复');
  // 异地交叉: staff never inspect their own city.
  if (codes.includes(row.stationedCityCode)) p('派员地市不能与进驻市相同（异地交叉）');
  const sum = row.dispatchingCities.reduce((s, d) => s + d.headcount, 0);
  if (sum !== row.headcount) p(`各派员地市人数之和（${sum}）与派员总数（${row.headcount}）不一致`);
  if (row.dispatchingCities.some((d) => !Number.isInteger(d.headcount) || d.headcount < 1)) {
    p('派员人数必须为正整数');
  }
  // Every team is two people; the data-desk secondees are not in a team.
  if (row.teamCount * 2 + row.dataDeskCount !== row.headcount) {
    p(
      `小组数（${row.teamCount}）×2 + 资料调度组人数（${row.dataDeskCount}）应等于派员总数（${row.headcount}）`,
    );
  }
  if (row.liaisonCount < 0 || row.liaisonCount > 3) p('联络员人数应在0–3之间');
  return out;
}

/** Problems of the whole table: each row, plus no city stationed twice and unique numbers. */
export function groupTableProblems(rows: GroupRowShape[]): GroupTableProblem[] {
  const out = rows.flatMap(groupRowProblems);
  const seenCity = new Map<string, number>();
  const seenNumber = new Set<number>();
  for (const r of rows) {
    const prev = seenCity.get(r.stationedCityCode);
    if (prev !== undefined) out.push({ groupNumber: r.number, message: `与第${prev}组进驻同一城市` });
    seenCity.set(r.stationedCityCode, r.number);
    if (seenNumber.has(r.number)) out.push({ groupNumber: r.number, message: '组号重复' });
    seenNumber.add(r.number);
  }
  return out;
}
