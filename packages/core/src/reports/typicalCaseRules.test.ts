import { describe, expect, it } from 'vitest';
import { countChars } from './text.ts';
import {
  type CaseEvidenceRef,
  checkTypicalCase,
  type TypicalCaseDraft,
  typicalCaseBody,
  typicalCaseProblems,
  typicalCaseValidationError,
} from './typicalCaseRules.ts';

/** Exactly `n` counted characters: Chinese text, punctuation and an emoji. */
function description(n: number): string {
  const tail = '，🙂。'; // 3 counted characters, 5 UTF-16 units
  const body = '企业生产车间正在生产未开启废气收集处理设施'.repeat(20);
  const s =
    Array.from(body)
      .slice(0, n - 3)
      .join('') + tail;
  expect(countChars(s)).toBe(n);
  return s;
}

const evidence: CaseEvidenceRef[] = [
  { id: 'p1', kind: 'photo' },
  { id: 'p2', kind: 'photo' },
  { id: 'p3', kind: 'photo' },
  { id: 'p4', kind: 'photo' },
  { id: 'v1', kind: 'video' },
];

const draft: TypicalCaseDraft = {
  foundAt: '2020-10-20T10:15:00+08:00',
  stationedCity: '郑州市',
  inspectorNames: ['张三', '李四'],
  companyName: '郑州市某某建材有限公司',
  violation: '未落实重污染天气应急减排措施',
  description: description(150),
  photoIds: ['p1', 'p2', 'p3'],
};

const codes = (d: TypicalCaseDraft, ev: CaseEvidenceRef[] | null = evidence) =>
  typicalCaseProblems(d, ev).map((p) => `${p.field}:${p.code}`);

describe('typical case rules', () => {
  it('accepts a complete case and reports progress', () => {
    const r = checkTypicalCase(draft, evidence);
    expect(r.problems).toEqual([]);
    expect(r.progress).toEqual({
      descriptionChars: 150,
      descriptionMinChars: 150,
      photos: 3,
      photosMin: 3,
      complete: true,
    });
  });

  it('refuses 149 characters and accepts 150 (Chinese, punctuation, an emoji)', () => {
    const short = checkTypicalCase({ ...draft, description: description(149) }, evidence);
    expect(short.problems).toEqual([
      {
        field: 'description',
        code: 'description_too_short',
        message: '违法内容描述不得少于150字（当前149字，空格不计）',
      },
    ]);
    expect(short.progress.descriptionChars).toBe(149);
    expect(short.progress.complete).toBe(false);
    expect(codes({ ...draft, description: description(150) })).toEqual([]);
  });

  it('does not let whitespace pad a description to 150', () => {
    const padded = `${description(140)}${' '.repeat(10)}${'　'.repeat(5)}\n\n`;
    expect(padded.length).toBeGreaterThan(150);
    expect(checkTypicalCase({ ...draft, description: padded }, evidence).progress.descriptionChars).toBe(140);
    expect(codes({ ...draft, description: padded })).toEqual(['description:description_too_short']);
    // Spaces between words are fine; they just do not count.
    const spaced = description(150).replace('企业', '企业 ');
    expect(codes({ ...draft, description: spaced })).toEqual([]);
  });

  it('needs at least 3 photos: 2 fail, 3 pass', () => {
    const two = checkTypicalCase({ ...draft, photoIds: ['p1', 'p2'] }, evidence);
    expect(two.problems).toEqual([
      { field: 'photoIds', code: 'photos_too_few', message: '至少选择3张现场照片（当前2张）' },
    ]);
    expect(two.progress.photos).toBe(2);
    expect(codes({ ...draft, photoIds: ['p1', 'p2', 'p4'] })).toEqual([]);
  });

  it('refuses a photo of another inspection, and it does not count', () => {
    const r = checkTypicalCase({ ...draft, photoIds: ['p1', 'p2', 'other-inspection-photo'] }, evidence);
    expect(r.problems.map((p) => p.code)).toEqual(['photo_not_in_inspection', 'photos_too_few']);
    expect(r.problems[0]?.message).toBe('有1张所选照片不属于本次检查记录');
    expect(r.progress.photos).toBe(2);
  });

  it('does not count videos or the same photo twice', () => {
    expect(codes({ ...draft, photoIds: ['p1', 'p2', 'v1'] })).toEqual([
      'photoIds:photo_is_video',
      'photoIds:photos_too_few',
    ]);
    expect(codes({ ...draft, photoIds: ['p1', 'p1', 'p2'] })).toEqual([
      'photoIds:photo_duplicate',
      'photoIds:photos_too_few',
    ]);
    // A duplicate among enough distinct photos is still pointed out.
    expect(codes({ ...draft, photoIds: ['p1', 'p2', 'p3', 'p3'] })).toEqual(['photoIds:photo_duplicate']);
  });

  it('without the inspection’s evidence, checks only the counts', () => {
    expect(codes({ ...draft, photoIds: ['x', 'y', 'z'] }, null)).toEqual([]);
    expect(codes({ ...draft, photoIds: ['x', 'x', 'z'] }, null)).toEqual([
      'photoIds:photo_duplicate',
      'photoIds:photos_too_few',
    ]);
  });

  it('needs the opening’s facts, in the template’s order', () => {
    const empty: TypicalCaseDraft = {
      foundAt: null,
      stationedCity: ' ',
      inspectorNames: ['张三'],
      companyName: '',
      violation: '  ',
      description: '',
      photoIds: [],
    };
    expect(typicalCaseProblems(empty, evidence).map((p) => p.message)).toEqual([
      '请填写发现日期',
      '请填写进驻市',
      '请填写2名执法人员姓名',
      '请填写涉事企业（单位）名称',
      '请填写涉嫌存在的环境违法行为',
      '违法内容描述不得少于150字（当前0字，空格不计）',
      '至少选择3张现场照片（当前0张）',
    ]);
  });

  it('checks the inspectors and the date', () => {
    expect(codes({ ...draft, inspectorNames: ['张三', '张三'] })).toEqual([
      'inspectorNames:inspector_duplicate',
    ]);
    expect(codes({ ...draft, inspectorNames: ['张三', '李四', '王五'] })).toEqual([
      'inspectorNames:inspector_count',
    ]);
    expect(codes({ ...draft, inspectorNames: ['张三', ''] })).toEqual(['inspectorNames:inspector_count']);
    expect(codes({ ...draft, foundAt: '2020-10-20T10:15:00' })).toEqual(['foundAt:invalid_date']);
    expect(codes({ ...draft, foundAt: new Date('x') })).toEqual(['foundAt:invalid_date']);
    expect(codes({ ...draft, foundAt: new Date('2020-10-20T02:15:00Z') })).toEqual([]);
  });

  it('skips the city when the caller does not have it (server derives it)', () => {
    const { stationedCity: _, ...withoutCity } = draft;
    expect(codes(withoutCity)).toEqual([]);
  });

  it('refuses over-long text', () => {
    expect(codes({ ...draft, description: '字'.repeat(5001) })).toEqual(['description:too_long']);
    expect(codes({ ...draft, companyName: '厂'.repeat(101) })).toEqual(['companyName:too_long']);
  });
});

describe('typical case request body', () => {
  const body = {
    inspectionId: '6f1c2a4e-8b0d-4c1e-9a7f-2d3b4c5d6e7f',
    foundAt: '2020-10-20T10:15:00+08:00',
    inspectorNames: ['张三', '李四'],
    companyName: '郑州市某某建材有限公司',
    violation: '未落实重污染天气应急减排措施',
    description: description(150),
    photoIds: ['p1', 'p2', 'p3'],
  };

  it('accepts a complete case', () => {
    expect(typicalCaseBody.safeParse(body).success).toBe(true);
  });

  it('fails with the editor’s messages until 150 characters and 3 photos', () => {
    const r = typicalCaseBody.safeParse({ ...body, description: description(149), photoIds: ['p1', 'p2'] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['description', '违法内容描述不得少于150字（当前149字，空格不计）'],
      ['photoIds', '至少选择3张现场照片（当前2张）'],
    ]);
  });

  it('refuses a foundAt without offset and a bad inspection id', () => {
    const r = typicalCaseBody.safeParse({ ...body, foundAt: '2020-10-20T10:15:00', inspectionId: 'x' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['foundAt', 'inspectionId']);
  });

  it('turns server-side problems into a 400 validation_failed', () => {
    const problems = typicalCaseProblems({ ...draft, photoIds: ['p1', 'p2', 'v1'] }, evidence);
    const err = typicalCaseValidationError(problems);
    expect(err.code).toBe('validation_failed');
    expect(err.status).toBe(400);
    expect(err.message).toBe('视频不计入现场照片，请选择照片；至少选择3张现场照片（当前2张）');
    expect(err.details).toEqual({ problems });
  });
});
