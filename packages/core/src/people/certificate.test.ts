import { describe, expect, it } from 'vitest';
import {
  certCoverageProblem,
  certCoversRound,
  certNumberProblem,
  normalizeCertNumber,
} from './certificate.ts';

const round1 = { startDate: '2020-10-19', endDate: '2020-11-05' };

describe('certificate number plausibility', () => {
  it.each([
    '豫A0123456789',
    '豫B2019000123',
    'A0123456789',
    '41010220190001',
    '豫环执（2019）第000123号',
    '豫A-0123-456789',
    '１２３４５６７８', // full-width digits from a spreadsheet
  ])('accepts %s', (n) => {
    expect(certNumberProblem(n, '张三')).toBeNull();
  });

  it('normalises full-width characters, spaces and case', () => {
    expect(normalizeCertNumber(' 豫ａ０１２３ ４５６７８９ ')).toBe('豫A0123456789');
  });

  it.each([
    [null, '未填写执法证号'],
    ['  ', '未填写执法证号'],
    ['无', '“无”'],
    ['暂无', '“暂无”'],
    ['N/A', '“N/A”'],
    ['豫A12', '长度'],
    ['豫执法证ABCDEFG', '数字过少'],
    ['000000000', '占位'],
    ['豫A1111111111', '占位'],
    ['豫A0123456789@', '字符'],
    ['冀B0123456789', '外省'],
    ['1'.repeat(4) + '2'.repeat(40), '长度'],
  ])('rejects %s with a reason (%s)', (n, hint) => {
    const problem = certNumberProblem(n, '张三');
    expect(problem).toContain('张三');
    expect(problem).toContain(hint);
  });

  it('does not take a Henan place name for another province', () => {
    expect(certNumberProblem('新环执字2019第00123号', '张三')).toBeNull();
    expect(certNumberProblem('宁陵环执2019000123', '张三')).toBeNull();
  });
});

describe('certificate validity over a round', () => {
  it('covers the round when valid from before the start to after the end, edges included', () => {
    expect(certCoversRound({ validFrom: '2019-01-01', validUntil: '2022-12-31' }, round1)).toBe(true);
    expect(certCoversRound({ validFrom: '2020-10-19', validUntil: '2020-11-05' }, round1)).toBe(true);
  });

  it('fails a certificate that expires during the round, and says when', () => {
    const p = certCoverageProblem({ validFrom: '2018-01-01', validUntil: '2020-10-31' }, round1, '李四');
    expect(p).toBe('李四的执法证有效期至2020-10-31，早于本轮结束日2020-11-05，请更换人员或先换发证件');
  });

  it('fails a certificate that only starts during the round', () => {
    const p = certCoverageProblem({ validFrom: '2020-10-20', validUntil: '2025-10-19' }, round1, '李四');
    expect(p).toContain('尚未生效');
  });

  it('fails missing, malformed or inverted dates', () => {
    expect(certCoverageProblem({ validFrom: null, validUntil: null }, round1, '王五')).toContain(
      '未填写执法证有效期',
    );
    expect(certCoverageProblem({ validFrom: null, validUntil: '2025-01-01' }, round1, '王五')).toContain(
      '起始日期',
    );
    expect(certCoverageProblem({ validFrom: '2019-01-01', validUntil: undefined }, round1, '王五')).toContain(
      '截止日期',
    );
    expect(
      certCoverageProblem({ validFrom: '2019/01/01', validUntil: '2025-01-01' }, round1, '王五'),
    ).toContain('格式');
    expect(
      certCoverageProblem({ validFrom: '2021-01-01', validUntil: '2019-01-01' }, round1, '王五'),
    ).toContain('晚于');
  });
});
