import { describe, expect, it } from 'vitest';
import { NAME_MASK, redactForPublic } from './redact.ts';

const inspectorNames = ['张三', '李四'];
const redact = (text: string, extra: Partial<Parameters<typeof redactForPublic>[1]> = {}) =>
  redactForPublic(text, { inspectorNames, ...extra });

describe('redactForPublic: inspectors’ names', () => {
  it('replaces every occurrence with a fixed-width mask', () => {
    expect(redact('执法人员张三、李四现场检查，张三拍摄照片。')).toBe(
      `执法人员${NAME_MASK}、${NAME_MASK}现场检查，${NAME_MASK}拍摄照片。`,
    );
    expect(redactForPublic('欧阳娜娜与张三', { inspectorNames: ['欧阳娜娜', '张三'] })).toBe('×××与×××');
  });

  it('finds names padded with spaces and ignores padding in the given names', () => {
    expect(redact('检查人员：张　三、李 四')).toBe('检查人员：×××、×××');
    expect(redactForPublic('张三在场', { inspectorNames: ['张 三'] })).toBe('×××在场');
  });

  it('masks the longer of two overlapping names whole', () => {
    expect(redactForPublic('张三丰与张三', { inspectorNames: ['张三', '张三丰'] })).toBe('×××与×××');
  });

  it('leaves names inside kept public terms alone', () => {
    const text = '执法人员高峰在高峰建材有限公司检查，早高峰时段运输车辆较多。';
    expect(
      redactForPublic(text, { inspectorNames: ['高峰'], keepTerms: ['高峰建材有限公司', '早高峰'] }),
    ).toBe('执法人员×××在高峰建材有限公司检查，早高峰时段运输车辆较多。');
    // Without the kept terms it errs on the safe side.
    expect(redactForPublic(text, { inspectorNames: ['高峰'] })).toBe(
      '执法人员×××在×××建材有限公司检查，早×××时段运输车辆较多。',
    );
  });

  it('matches Latin-script names only as whole words', () => {
    expect(redactForPublic('Li checked Lima Road with li', { inspectorNames: ['Li'] })).toBe(
      '××× checked Lima Road with ×××',
    );
  });

  it('ignores one-character and empty names, which would mask common characters', () => {
    expect(redactForPublic('王庄村三户', { inspectorNames: ['王', '', ' '] })).toBe('王庄村三户');
  });

  it('takes a custom mask', () => {
    expect(redact('张三到场', { nameMask: '某执法人员' })).toBe('某执法人员到场');
  });
});

describe('redactForPublic: other personal data', () => {
  it('masks mainland mobile numbers keeping the first 3 and last 4', () => {
    expect(redact('负责人电话13812345678。')).toBe('负责人电话138****5678。');
    expect(redact('电话：+86 199-1234-5678')).toBe('电话：+86 199-****-5678');
    expect(redact('138 1234 5678')).toBe('138 **** 5678');
  });

  it('leaves numbers that are not mobile numbers', () => {
    expect(redact('座机0371-12345678，编号12345678901，单号213812345678')).toBe(
      '座机0371-12345678，编号12345678901，单号213812345678',
    );
  });

  it('masks 18-digit resident ID numbers, keeping the city and the last 4', () => {
    expect(redact('身份证号410102198001011234')).toBe('身份证号4101**********1234');
    expect(redact('身份证号41010219800101123x')).toBe('身份证号4101**********123x');
  });

  it('does not mask credit codes or numbers without a real birth date', () => {
    expect(redact('统一社会信用代码914101001234567890')).toBe('统一社会信用代码914101001234567890');
    expect(redact('编号410102198013011234')).toBe('编号410102198013011234'); // month 13
    expect(redact('编号410102198002301234')).toBe('编号410102198002301234'); // 30 February
  });

  it('masks licence plates: regular, new-energy, trailer, with separators', () => {
    expect(redact('车牌豫A12345的渣土车')).toBe('车牌豫A*****的渣土车');
    expect(redact('新能源车豫AD12345')).toBe('新能源车豫A******');
    expect(redact('挂车豫H1234挂')).toBe('挂车豫H****挂');
    expect(redact('车牌号豫A·B1234，冀C 5678D')).toBe('车牌号豫A·*****，冀C *****');
  });

  it('does not take words for plates', () => {
    expect(redact('位于京A座，新ABCD型号')).toBe('位于京A座，新ABCD型号');
  });

  it('redacts everything in one text', () => {
    const text =
      '执法人员张三、李四发现豫A12345渣土车未密闭，驾驶员（身份证410102198001011234，电话13912345678）称…';
    expect(redact(text)).toBe(
      '执法人员×××、×××发现豫A*****渣土车未密闭，驾驶员（身份证4101**********1234，电话139****5678）称…',
    );
  });
});
