import {
  AppError,
  type ConfirmPlanBody,
  type EarlierRound,
  nomineeSupply,
  type PlanBody,
  type PlanProposalOut,
  planNextRound,
  planRuleViolations,
  rosterFrozen,
  shanghaiDate,
} from '@ancha/core';
import type { Actor, AppContext } from '../../context.ts';
import { audited } from '../audit/audited.ts';
import { roundTables, setRoundTable } from '../campaign/campaign.service.ts';
import { divisionNames } from '../org/org.service.ts';
import * as repo from './nominations.repository.ts';
import { nomineeOf } from './nominations.service.ts';
import { seatConfirmedTable } from './planSeating.service.ts';
import * as rounds from './rounds.repository.ts';

/** Everything the planner and its checker read for a round: cities, supply, earlier rounds. */
async function planningInput(ctx: AppContext, roundId: string) {
  const round = await rounds.findRound(ctx.db, roundId);
  if (!round) throw new AppError('not_found', '轮次不存在');
  const tables = await roundTables(ctx, round.campaign_id);
  const current = tables.find((t) => t.round.id === roundId)!;
  const codes = current.rows.map((r) => r.stationedCityCode);
  const names = await divisionNames(ctx, codes);
  const cities = codes.map((code) => ({ code, name: names.get(code) ?? code }));
  const earlierRounds: EarlierRound[] = tables
    .filter((t) => t.round.number < round.number)
    .map((t) => ({
      roundNumber: t.round.number,
      groups: t.rows.map((r) => ({
        number: r.number,
        stationedCityCode: r.stationedCityCode,
        dispatchingCities: r.dispatchingCities,
        liaisonUnit: r.liaisonUnit,
      })),
    }));
  // Only nominees still standing count: a sent-back one is no longer on offer.
  const nominations = (await repo.roundNominations(ctx.db, roundId)).filter((n) => n.state === 'nominated');
  const supply = nomineeSupply(nominations.map(nomineeOf), {
    startDate: round.start_date,
    endDate: round.end_date,
  });
  return { round, cities, earlierRounds, supply, names, current };
}

/**
 * The planner's proposal for a round (core's `planNextRound`): the group table with an
 * explanation per row and every rule it could not meet. Nothing is stored; the command group
 * edits it in the console and confirms it.
 */
export async function proposePlan(
  ctx: AppContext,
  roundId: string,
  body: PlanBody,
): Promise<PlanProposalOut> {
  const { round, cities, earlierRounds, supply, names } = await planningInput(ctx, roundId);
  if (supply.length === 0) {
    throw new AppError('conflict', `第${round.number}轮还没有派员地市提名的人员，请先收集提名`);
  }
  const proposal = planNextRound({
    cities,
    nominees: supply,
    earlierRounds,
    workloads: body.workloads,
    targetHeadcount: body.targetHeadcount,
  });
  return {
    roundId,
    roundNumber: round.number,
    groups: proposal.groups.map((g) => ({
      ...g,
      dispatchingCities: g.dispatchingCities.map((d) => ({ ...d, providesLeader: !!d.providesLeader })),
    })),
    unmetRules: proposal.unmetRules,
    targetHeadcount: proposal.targetHeadcount,
    plannedHeadcount: proposal.plannedHeadcount,
    dataDeskCount: proposal.dataDeskCount,
    supply: supply.map((s) => ({ ...s, code: s.cityCode, name: names.get(s.cityCode) ?? s.cityCode })),
    cities,
  };
}

/**
 * Confirms a table (the proposal as the command group edited it) as the round's groups. The
 * same checker as the planner's: errors refuse it (400 naming each), warnings are accepted and
 * returned. Confirming also seats the table's qualified nominees on the round's roster, in the
 * same write (idempotent on re-confirmation: see seatConfirmedTable). Once the round has begun
 * its table is frozen with its roster.
 */
export async function confirmPlan(ctx: AppContext, actor: Actor, roundId: string, body: ConfirmPlanBody) {
  const { round, cities, earlierRounds, supply } = await planningInput(ctx, roundId);
  if (rosterFrozen({ startDate: round.start_date, endDate: round.end_date }, shanghaiDate(ctx.now()))) {
    throw new AppError('conflict', `第${round.number}轮已开始，分组表已冻结`);
  }
  const table = body.groups.map((g) => ({
    ...g,
    dispatchingCities: g.dispatchingCities.map((d) => ({ ...d })),
  }));
  const violations = planRuleViolations(table, earlierRounds, {
    cities,
    nominees: supply.length ? supply : undefined,
  });
  const errors = violations.filter((v) => v.severity === 'error');
  if (errors.length) {
    throw new AppError('validation_failed', errors.map((e) => e.message).join('；'), { violations: errors });
  }
  const warnings = violations.filter((v) => v.severity === 'warning');
  const cityName = (code: string) => cities.find((c) => c.code === code)?.name ?? code;
  return audited(ctx, actor, async (w) => {
    await setRoundTable(w, actor.userId ?? 'system', roundId, table);
    // The table's people take their seats in the same write (see seatConfirmedTable).
    const seating = await seatConfirmedTable(w, roundId, table, cityName);
    await w.audit({
      action: 'round.plan_confirm',
      entity: 'round',
      entityId: roundId,
      data: {
        roundNumber: round.number,
        groups: table.map((g) => ({
          number: g.number,
          stationedCityCode: g.stationedCityCode,
          dispatchingCities: g.dispatchingCities,
          headcount: g.headcount,
        })),
        warnings: warnings.map((v) => v.message),
      },
    });
    return { roundId, roundNumber: round.number, warnings: [...warnings, ...seating] };
  });
}
