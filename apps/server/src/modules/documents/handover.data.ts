import {
  cityOf,
  type HandoverOut,
  isCityLevel,
  PROBLEM_KINDS,
  type ProblemKind,
  type ProblemOut,
  shanghaiDate,
} from '@ancha/core';
import { bureauName, categoryLabel, placeName, safeFileName } from '../../builders/format.ts';
import type { HandoverDocData } from '../../builders/handoverDocx.ts';
import type { AppContext } from '../../context.ts';
import { findGroupRow } from '../campaign/campaign.service.ts';
import { getInspection } from '../inspections/inspections.service.ts';
import { divisionNames } from '../org/org.service.ts';
import { formPhotos } from './photos.ts';

/**
 * Resolves a handover of a problem the caller may read into the form's display data. The
 * problem has been read through its scope already; its inspection and photos are read here
 * without a further check, as parts of that problem.
 */
export async function handoverDocData(
  ctx: AppContext,
  problem: ProblemOut,
  handoverId: string,
): Promise<HandoverDocData> {
  const handovers = [...(problem.handovers ?? [])].sort((a, b) =>
    a.handedOverAt.localeCompare(b.handedOverAt),
  );
  const index = handovers.findIndex((h) => h.id === handoverId);
  const h = handovers[index];
  if (!h) throw new Error(`handover ${handoverId} is not one of problem ${problem.id}'s`);
  const previous: HandoverOut | undefined = handovers[index - 1];

  const [inspection, group] = await Promise.all([
    getInspection(ctx, problem.inspectionId, { all: true }),
    findGroupRow(ctx, problem.groupId),
  ]);
  const siteCity = cityOf(problem.site.divisionCode);
  const bureauCity = cityOf(h.bureauDivision.code);
  const names = await divisionNames(ctx, [siteCity, bureauCity, group?.stationed_city_code ?? siteCity]);
  const nameOf = (code: string) => names.get(code) ?? code;
  const countyOf = (code: string, name: string) => (isCityLevel(code) ? null : name);
  const { photos, omitted } = await formPhotos(ctx.media.store, inspection.evidence ?? []);

  return {
    number: h.number,
    handedOverDate: shanghaiDate(new Date(h.handedOverAt)),
    bureauName: bureauName({
      cityName: nameOf(bureauCity),
      countyName: countyOf(h.bureauDivision.code, h.bureauDivision.name),
    }),
    site: {
      name: problem.site.name,
      creditCode: problem.site.creditCode,
      address: problem.site.address,
      place: placeName(nameOf(siteCity), countyOf(problem.site.divisionCode, problem.site.divisionName)),
    },
    category: categoryLabel(problem.category, inspection.subtype),
    kind: PROBLEM_KINDS[problem.kind as ProblemKind] ?? problem.kind,
    foundAt: problem.foundAt,
    group: { number: problem.groupNumber, stationedCity: nameOf(group?.stationed_city_code ?? siteCity) },
    contact: h.contact,
    description: problem.description,
    proposeCaseFiling: problem.proposeCaseFiling,
    requirements: h.requirements,
    deadline: h.deadline,
    previous: previous
      ? {
          number: previous.number,
          date: shanghaiDate(new Date(previous.handedOverAt)),
          deadline: previous.deadline,
          findings: previous.followUp?.findings ?? null,
        }
      : null,
    photos,
    omittedPhotos: omitted,
  };
}

/** The file name of a handover's form: 环境问题交办单（豫环暗查〔2020〕第0001号）.docx. */
export function handoverFileName(number: string): string {
  return safeFileName(`环境问题交办单（${number}）.docx`);
}
