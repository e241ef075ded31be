import { describe, expect, it } from 'vitest';
import {
  addressSimilarity,
  isHenanCityCode,
  isHenanCountyCode,
  isHenanPlaceCode,
  prepareAddress,
  SAME_PLACE_THRESHOLD,
} from './places.ts';
import { diceSimilarity, editDistance, foldText, foldTextWithoutBrackets } from './text.ts';

describe('text folding and similarity', () => {
  it('folds width, case, spaces and punctuation', () => {
    expect(foldText(' ＡＢｃ　１２３号（东院）· ')).toBe('ABC123号东院');
    expect(foldTextWithoutBrackets('宏达（郑州）塑料【分厂】(普通合伙)')).toBe('宏达塑料');
  });

  it('counts one slip of the pen as one edit', () => {
    expect(editDistance('宏达', '宏达')).toBe(0);
    expect(editDistance('宏达', '宏大')).toBe(1);
    expect(editDistance('鑫源', '源鑫')).toBe(1);
    expect(editDistance('华润达', '华达')).toBe(1);
    expect(editDistance('塑料', '木业')).toBe(2);
    expect(editDistance('', '木业')).toBe(2);
  });

  it('measures bigram overlap', () => {
    expect(diceSimilarity('官渡镇', '官渡镇')).toBe(1);
    expect(diceSimilarity('建设路18号', '建设路20号')).toBeCloseTo(0.4);
    expect(diceSimilarity('', '官渡镇')).toBe(0);
  });
});

describe('place codes', () => {
  it('tells cities, counties and 济源 apart', () => {
    expect(isHenanCityCode('4101')).toBe(true);
    expect(isHenanCityCode('419001')).toBe(true);
    expect(isHenanCityCode('4190')).toBe(false);
    expect(isHenanCountyCode('410122')).toBe(true);
    expect(isHenanCountyCode('411728')).toBe(true);
    expect(isHenanCountyCode('410100')).toBe(false);
    expect(isHenanCountyCode('419001')).toBe(false);
    expect(isHenanCountyCode('420102')).toBe(false);
    expect(isHenanPlaceCode('419001')).toBe(true);
    expect(isHenanPlaceCode('4101')).toBe(false);
  });
});

describe('address similarity', () => {
  const sim = (a: string, b: string) => addressSimilarity(prepareAddress(a), prepareAddress(b));

  it('drops the province, city and county the county code already says', () => {
    expect(prepareAddress('河南省郑州市中牟县官渡镇小李村')?.folded).toBe('官渡镇小李村');
    expect(prepareAddress('郑州新郑市龙湖镇')?.folded).toBe('龙湖镇');
    expect(prepareAddress('滑县城关镇')?.folded).toBe('城关镇');
    expect(prepareAddress('新乡县七里营镇', ['新乡县'])?.folded).toBe('七里营镇');
    expect(prepareAddress('  ')).toBeNull();
    expect(prepareAddress(null)).toBeNull();
  });

  it('same place: equal, more specific, or nearly the same words', () => {
    expect(sim('郑州市中牟县官渡镇小李村', '官渡镇小李村')).toBe(1);
    expect(sim('官渡镇小李村', '官渡镇小李村东200米')).toBe(0.8);
    expect(sim('官渡镇小李村东', '官渡镇小李村西')).toBeGreaterThanOrEqual(SAME_PLACE_THRESHOLD);
    expect(sim('白沙镇建设路18号', '白沙镇建设路18号院内')).toBeGreaterThanOrEqual(SAME_PLACE_THRESHOLD);
  });

  it('another place: other words, or another house number on the same road', () => {
    expect(sim('官渡镇小李村', '白沙镇建设路18号')).toBeLessThan(SAME_PLACE_THRESHOLD);
    expect(sim('白沙镇建设路188号', '白沙镇建设路189号')).toBe(0.5);
    expect(sim('建设路18号', '建设路20号')).toBeLessThan(SAME_PLACE_THRESHOLD);
    // A bare town is too coarse to be contained "specifically" in a longer address.
    expect(sim('官渡镇', '官渡镇小李村东200米')).toBeLessThan(SAME_PLACE_THRESHOLD);
  });

  it('is null when either address is missing', () => {
    expect(addressSimilarity(prepareAddress('官渡镇'), null)).toBeNull();
  });
});
