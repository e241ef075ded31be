import {
  ALERT_LEVEL_LABELS,
  type AlertAreaKind,
  type AlertLevel,
  type AlertOut,
  AppError,
  alertAreaCovers,
  alertInForce,
  type createAlertBody,
} from '@ancha/core';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.ts';
import type { PollutionAlertsTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { audited, type Write } from '../audit/audited.ts';
import { groupRowsOfCampaign } from '../campaign/campaign.service.ts';
import { divisionNames } from '../org/org.service.ts';
import * as repo from './alerts.repository.ts';

/** The groups stationed in the alert's area: they hear it and their phones show it. */
async function audienceOf(ctx: AppContext, a: PollutionAlertsTable) {
  const alert = { areaKind: a.area_kind as AlertAreaKind, areaCodes: JSON.parse(a.area_codes) as string[] };
  const groups = await groupRowsOfCampaign(ctx, a.campaign_id);
  return groups
    .filter(
      (g) =>
        alertAreaCovers(alert, g.stationed_city_code) ||
        alert.areaCodes.some((c) => c.startsWith(g.stationed_city_code)),
    )
    .map((g) => g.id);
}

async function publish(w: Write, a: PollutionAlertsTable) {
  w.ctx.events.publish({
    type: 'alert.changed',
    campaignId: a.campaign_id,
    at: w.ctx.now().toISOString(),
    audience: { groupIds: await audienceOf(w.ctx, a) },
    data: {
      id: a.id,
      level: a.level,
      areaKind: a.area_kind,
      areaCodes: JSON.parse(a.area_codes),
      startsAt: a.starts_at,
      endsAt: a.ends_at,
    },
  });
}

export async function issueAlert(
  ctx: AppContext,
  actor: Actor,
  issuer: string,
  body: z.output<typeof createAlertBody>,
) {
  if ((await groupRowsOfCampaign(ctx, body.campaignId)).length === 0) {
    throw new AppError('validation_failed', '专项行动不存在');
  }
  const row: PollutionAlertsTable = {
    id: newId(),
    campaign_id: body.campaignId,
    level: body.level,
    area_kind: body.areaKind,
    area_codes: JSON.stringify(body.areaCodes),
    starts_at: new Date(body.startsAt).toISOString(),
    ends_at: new Date(body.endsAt).toISOString(),
    note: body.note,
    issued_at: ctx.now().toISOString(),
    issued_by: issuer,
  };
  await audited(ctx, actor, async (w) => {
    await repo.insertAlert(w.tx, row);
    await w.audit({
      action: 'alert.issue',
      entity: 'pollution_alert',
      entityId: row.id,
      data: {
        level: row.level,
        areaKind: row.area_kind,
        areaCodes: body.areaCodes,
        startsAt: row.starts_at,
        endsAt: row.ends_at,
      },
    });
    await publish(w, row);
  });
  return (await presentAlerts(ctx, [row]))[0]!;
}

/** Lifts an alert now (解除预警); an alert already over is left as it was. */
export async function endAlert(ctx: AppContext, actor: Actor, id: string) {
  const row = await repo.findAlert(ctx.db, id);
  if (!row) throw new AppError('not_found', '预警不存在');
  const at = ctx.now().toISOString();
  await audited(ctx, actor, async (w) => {
    if (!(await repo.endAlert(w.tx, id, at))) {
      w.unchanged();
      return;
    }
    await w.audit({ action: 'alert.end', entity: 'pollution_alert', entityId: id, data: { endsAt: at } });
    await publish(w, { ...row, ends_at: at });
  });
  return (await presentAlerts(ctx, [(await repo.findAlert(ctx.db, id))!]))[0]!;
}

export async function presentAlerts(ctx: AppContext, rows: PollutionAlertsTable[]): Promise<AlertOut[]> {
  const names = await divisionNames(
    ctx,
    rows.flatMap((r) => JSON.parse(r.area_codes) as string[]),
  );
  const now = ctx.now();
  const out: AlertOut[] = [];
  for (const r of rows) {
    const codes = JSON.parse(r.area_codes) as string[];
    const counted = await repo.inspectionsUnderAlert(ctx.db, r);
    out.push({
      id: r.id,
      campaignId: r.campaign_id,
      level: r.level as AlertLevel,
      levelLabel: ALERT_LEVEL_LABELS[r.level as AlertLevel],
      areaKind: r.area_kind as AlertAreaKind,
      areaCodes: codes,
      areaNames: r.area_kind === 'province' ? ['全省'] : codes.map((c) => names.get(c) ?? c),
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      note: r.note,
      active: alertInForce({ startsAt: r.starts_at, endsAt: r.ends_at }, now),
      issuedAt: r.issued_at,
      issuedBy: r.issued_by,
      inspections: counted.all,
      emergencyInspections: counted.emergency,
    });
  }
  return out;
}

export async function listAlerts(ctx: AppContext, q: { campaignId?: string; active?: 'true' | 'false' }) {
  const rows = await repo.listAlerts(ctx.db, {
    campaignId: q.campaignId,
    activeAt: q.active === 'true' ? ctx.now().toISOString() : undefined,
  });
  const out = await presentAlerts(ctx, rows);
  return q.active === 'false' ? out.filter((a) => !a.active) : out;
}
