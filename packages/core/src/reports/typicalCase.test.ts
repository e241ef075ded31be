import { describe, expect, it } from 'vitest';
import { typicalCaseOpening, typicalCasePublicOpening, violationPhrase } from './typicalCase.ts';

const header = {
  foundAt: new Date('2020-10-20T02:15:00Z'), // 10:15 Shanghai
  stationedCity: '郑州市',
  inspectorNames: ['张三', '李四'],
  companyName: '郑州市某某建材有限公司',
  violation: '未落实重污染天气应急减排措施',
};

describe('typical case opening (附件3)', () => {
  it('fills the template’s first sentence', () => {
    expect(typicalCaseOpening(header)).toBe(
      '10月20日，驻郑州市暗访核查组执法人员张三、李四，在执法检查时发现郑州市某某建材有限公司' +
        '涉嫌存在未落实重污染天气应急减排措施环境违法行为。',
    );
  });

  it('uses the Shanghai date of the instant, without leading zeros', () => {
    const early = { ...header, foundAt: new Date('2020-11-04T16:30:00Z') }; // 00:30 on 11-05
    expect(typicalCaseOpening(early).startsWith('11月5日，')).toBe(true);
  });

  it('accepts the city without 市 and trims names', () => {
    const s = typicalCaseOpening({ ...header, stationedCity: '郑州', inspectorNames: [' 张三 ', '李四'] });
    expect(s).toContain('驻郑州市暗访核查组执法人员张三、李四，');
  });

  it('never prints the template’s own words twice', () => {
    expect(violationPhrase('存在未批先建的环境违法行为。')).toBe('未批先建');
    expect(violationPhrase('涉嫌存在无证排污违法行为')).toBe('无证排污');
    expect(violationPhrase('露天焚烧的')).toBe('露天焚烧的');
    expect(violationPhrase('违法排污行为')).toBe('违法排污');
    expect(typicalCaseOpening({ ...header, violation: '存在未批先建环境违法行为' })).toContain(
      '涉嫌存在未批先建环境违法行为。',
    );
  });

  it('has a public variant without the inspectors’ names', () => {
    const s = typicalCasePublicOpening(header);
    expect(s).toBe(
      '10月20日，驻郑州市暗访核查组执法人员在执法检查时发现郑州市某某建材有限公司' +
        '涉嫌存在未落实重污染天气应急减排措施环境违法行为。',
    );
    expect(s).not.toContain('张三');
    expect(s).not.toContain('李四');
  });
});
