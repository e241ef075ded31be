import { expect } from 'vitest';
import { inspectionBody, makeSite, makeTeam, makeUser, planCampaign } from './factories.ts';
import type { TestPlatform } from './harness.ts';
import { jpeg, multipart, sha256hex } from './uploads.ts';

/** 150 visible characters: Chinese, punctuation and an emoji (each counts one). */
export const DESCRIPTION_150 = `${'该企业喷漆车间未建设废气收集处理设施，'.repeat(7)}废气直排，现场异味明显严重扰民😷。`;

let teamNo = 40;

/** A group's team with a suspected violation recorded and `photos` photos on it, in 郑州 (4101). */
export async function violationWithPhotos(
  p: TestPlatform,
  o: { photos?: number; city?: string; county?: string } = {},
) {
  const t = await makeTeam(p, { city: o.city ?? '4101', number: teamNo++ });
  const site = await makeSite(p, { county: o.county ?? '410105', name: `郑州市高峰建材有限公司${teamNo}` });
  const body = inspectionBody(t.team.id, site.id, {
    outcome: 'suspected_violation',
    startedAt: '2020-10-20T10:30:00+08:00',
    problems: [{ description: '喷漆车间废气未经处理直排' }],
  });
  const r = await p.call('POST', '/inspections', { token: t.inspector.token, body });
  expect(r.statusCode, r.body).toBe(201);
  const evidenceIds: string[] = [];
  for (let i = 0; i < (o.photos ?? 3); i++) {
    const data = await jpeg();
    const mp = multipart({ sha256: sha256hex(data), capturedAt: '2020-10-20T10:35:00+08:00' }, { data });
    const up = await p.call('POST', `/inspections/${body.id}/media`, {
      token: t.inspector.token,
      body: mp.body,
      headers: mp.headers,
    });
    expect(up.statusCode, up.body).toBe(201);
    evidenceIds.push(up.json().id);
  }
  const leader = await makeUser(p, [{ role: 'leader', groupId: t.group.id }], {
    displayName: `组长${teamNo}`,
  });
  return { ...t, site, inspectionId: body.id, evidenceIds, leader };
}

export function caseBody(
  v: { inspectionId: string; evidenceIds: string[] },
  o: Partial<Record<string, unknown>> = {},
) {
  return {
    inspectionId: v.inspectionId,
    foundAt: '2020-10-20T10:30:00+08:00',
    inspectorNames: ['张三', '李四'],
    companyName: '郑州市高峰建材有限公司',
    violation: '未批先建、废气直排',
    description: DESCRIPTION_150,
    photoIds: v.evidenceIds.slice(0, 3),
    ...o,
  };
}

/** Points the campaign's daily package at a mailbox (and optional times). */
export async function setReportMailbox(
  p: TestPlatform,
  email: string | null,
  times?: { warningTime: string; sendTime: string },
) {
  const { campaign } = await planCampaign(p);
  const settings = {
    ...JSON.parse(campaign.settings || '{}'),
    ...(email ? { reportMailbox: email } : {}),
    ...(times ? { dailyPackage: times } : {}),
  };
  await p.ctx.db
    .updateTable('campaigns')
    .set({ settings: JSON.stringify(settings) })
    .where('id', '=', campaign.id)
    .execute();
  return campaign;
}
