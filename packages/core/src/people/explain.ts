/**
 * The Chinese explanation of each proposed row: why this size, why these cities. Written for
 * the command group, who will defend the table to the cities, so every figure the planner
 * used is in the sentence.
 */
import { roundsText } from './planRules.ts';
import type { Contribution, StaffedGroup } from './staffing.ts';
import type { WorkloadWeight } from './workload.ts';

export interface GroupExplanationInput {
  stationedCityCode: string;
  label: (code: string) => string;
  workload: WorkloadWeight;
  quota: number;
  staffed: StaffedGroup;
  capacity: ReadonlyMap<string, number>;
  leaders: ReadonlyMap<string, number>;
  /** Number of groups in the round, for the air-quality rank “第R/N”. */
  groupCount: number;
}

/** One paragraph: the size and its reason, then one sentence per dispatching city. */
export function explainGroup(x: GroupExplanationInput): string {
  const { staffed, label } = x;
  const s = label(x.stationedCityCode);
  const parts = [sizeSentence(x)];
  const leaderCity = staffed.contributions.find((c) => c.providesLeader);
  for (const c of staffed.contributions) parts.push(contributionSentence(c, s, leaderCity, x));
  if (!leaderCity) parts.push('没有地市能派出组长，需指挥调度组另行指定。');
  if (staffed.headcount < staffed.plannedHeadcount) {
    parts.push(`因可派合格人选不足，由计划${staffed.plannedHeadcount}人减为${staffed.headcount}人。`);
  }
  return parts.join('');
}

function sizeSentence(x: GroupExplanationInput): string {
  const w = x.workload;
  const facts: string[] = [];
  if (w.enterpriseCount !== undefined) facts.push(`工业企业${w.enterpriseCount}家`);
  if (w.airQualityRank !== undefined) facts.push(`空气质量排名第${w.airQualityRank}/${x.groupCount}`);
  const basis = facts.length ? facts.join('、') : '未提供工作量数据，按平均计';
  const p = x.staffed;
  const desk = p.plannedDataDeskCount ? `，另${p.plannedDataDeskCount}人到省厅资料调度组` : '';
  return (
    `工作量权重${w.weight.toFixed(2)}（${basis}），按权重应得${x.quota.toFixed(1)}个小组，` +
    `安排${(p.plannedHeadcount - p.plannedDataDeskCount) / 2}个小组（每组2人，组长编入小组）${desk}，共${p.plannedHeadcount}人。`
  );
}

function contributionSentence(
  c: Contribution,
  stationed: string,
  leaderCity: Contribution | undefined,
  x: GroupExplanationInput,
): string {
  const name = x.label(c.code);
  const fresh =
    c.repeatRounds.length > 0
      ? `${roundsText(c.repeatRounds)}已派员到${stationed}核查，因无其他可行安排本轮仍派往`
      : `此前轮次未到${stationed}核查`;
  const noMutual = `本轮${stationed}不向${name}派员`;
  if (c.kind === 'leader') {
    const q = x.capacity.get(c.code) ?? 0;
    const l = Math.min(x.leaders.get(c.code) ?? 0, q);
    const rest = c.headcount < x.staffed.plannedHeadcount ? '，其余由其他地市补充' : '';
    return (
      `组长由${name}派出，${name}派${c.headcount}人（含组长）：${fresh}，${noMutual}；` +
      `合格人选${q}人（可任组长${l}人），按全省统筹分配${rest}。`
    );
  }
  if (c.kind === 'leader_fallback') {
    return `${name}派${c.headcount}人（含组长）：原定地市无法派出组长，${name}仍有可任组长的合格人选；${fresh}，${noMutual}。`;
  }
  const lead = leaderCity ? `${x.label(leaderCity.code)}合格人选不足以单独组建本组` : '本组缺少派员';
  return `${name}补充${c.headcount}人：${lead}，${name}尚有富余合格人选${c.availableBefore}人；${fresh}，${noMutual}。`;
}
