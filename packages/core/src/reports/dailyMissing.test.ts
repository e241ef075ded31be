import { describe, expect, it } from 'vitest';
import { type GroupDayFacts, missingForDailyPackage } from './dailyMissing.ts';

const complete: GroupDayFacts = {
  typicalCasesSubmitted: 1,
  teams: [
    { teamNumber: 1, sites: 8, industrialSites: 5 },
    { teamNumber: 2, sites: 9, industrialSites: 6 },
  ],
  violationsWithoutEvidence: [],
  lateEvidence: [],
  handoversWithoutDocument: [],
};

const incomplete: GroupDayFacts = {
  typicalCasesSubmitted: 0,
  teams: [
    { teamNumber: 3, sites: 6, industrialSites: 5 },
    { teamNumber: 1, sites: 8, industrialSites: 5 },
    { teamNumber: 2, sites: 7, industrialSites: 3 },
    { teamNumber: 4, sites: 0, industrialSites: 0 },
  ],
  violationsWithoutEvidence: [
    { teamNumber: 2, inspectionId: 'i-b', siteName: '乙化工厂' },
    { teamNumber: 1, inspectionId: 'i-a', siteName: '甲建材厂' },
  ],
  lateEvidence: [{ teamNumber: 3, inspectionId: 'i-c', siteName: '丙铸造厂' }],
  handoversWithoutDocument: [
    { handoverId: 'h-2', label: 'ZZ-2020-1-002', teamNumber: 2 },
    { handoverId: 'h-1', label: 'ZZ-2020-1-001', teamNumber: 1 },
  ],
};

describe('missingForDailyPackage (19:00 rule)', () => {
  it('is empty when nothing is missing', () => {
    expect(missingForDailyPackage(complete)).toEqual([]);
    expect(missingForDailyPackage({ ...complete, typicalCasesSubmitted: 3 })).toEqual([]);
  });

  it('lists everything, most urgent first, with Chinese messages', () => {
    expect(missingForDailyPackage(incomplete)).toEqual([
      {
        code: 'typical_case_missing',
        severity: 'blocking',
        message: '今日尚未提交典型案例（每天至少1个）',
      },
      {
        code: 'handover_document_missing',
        severity: 'blocking',
        message: '交办单“ZZ-2020-1-001”尚未生成文书',
        teamNumber: 1,
        ref: 'h-1',
      },
      {
        code: 'handover_document_missing',
        severity: 'blocking',
        message: '交办单“ZZ-2020-1-002”尚未生成文书',
        teamNumber: 2,
        ref: 'h-2',
      },
      {
        code: 'team_sites_short',
        severity: 'warning',
        message: '第2小组今日检查点位7个，距每天不少于8个还差1个',
        teamNumber: 2,
      },
      {
        code: 'team_sites_short',
        severity: 'warning',
        message: '第3小组今日检查点位6个，距每天不少于8个还差2个',
        teamNumber: 3,
      },
      {
        code: 'team_sites_short',
        severity: 'warning',
        message: '第4小组今日检查点位0个，距每天不少于8个还差8个',
        teamNumber: 4,
      },
      {
        code: 'team_industrial_short',
        severity: 'warning',
        message: '第2小组今日检查工业企业3家，距每天不少于5家还差2家',
        teamNumber: 2,
      },
      {
        code: 'team_industrial_short',
        severity: 'warning',
        message: '第4小组今日检查工业企业0家，距每天不少于5家还差5家',
        teamNumber: 4,
      },
      {
        code: 'violation_without_evidence',
        severity: 'warning',
        message: '第1小组“甲建材厂”涉嫌环境违法，尚未上传现场照片或视频证据',
        teamNumber: 1,
        ref: 'i-a',
      },
      {
        code: 'violation_without_evidence',
        severity: 'warning',
        message: '第2小组“乙化工厂”涉嫌环境违法，尚未上传现场照片或视频证据',
        teamNumber: 2,
        ref: 'i-b',
      },
      {
        code: 'evidence_posted_late',
        severity: 'notice',
        message: '第3小组“丙铸造厂”的现场证据未及时发布（须现场发布至工作群）',
        teamNumber: 3,
        ref: 'i-c',
      },
    ]);
  });

  it('gives the same order whatever order the facts come in', () => {
    const reversed: GroupDayFacts = {
      ...incomplete,
      teams: [...incomplete.teams].reverse(),
      violationsWithoutEvidence: [...incomplete.violationsWithoutEvidence].reverse(),
      handoversWithoutDocument: [...incomplete.handoversWithoutDocument].reverse(),
    };
    expect(missingForDailyPackage(reversed)).toEqual(missingForDailyPackage(incomplete));
  });

  it('follows the campaign’s quota and a higher case minimum', () => {
    const facts = { ...complete, teams: [{ teamNumber: 1, sites: 6, industrialSites: 3 }] };
    expect(missingForDailyPackage(facts, { minSites: 6, minIndustrial: 3 })).toEqual([]);
    expect(missingForDailyPackage(facts, { minSites: 6, minIndustrial: 3 }, 2)).toEqual([
      {
        code: 'typical_case_missing',
        severity: 'blocking',
        message: '今日已提交典型案例1个，至少需要2个',
      },
    ]);
  });

  it('counts late evidence as a notice only: the package can still go', () => {
    const items = missingForDailyPackage({
      ...complete,
      lateEvidence: [{ teamNumber: 1, inspectionId: 'i', siteName: '某厂' }],
    });
    expect(items.map((i) => i.severity)).toEqual(['notice']);
  });
});
