import { describe, expect, it } from 'vitest';
import {
  createNameNormalizer,
  NAME_MATCH_THRESHOLD,
  nameMatchScore,
  prepareEnterpriseName,
} from './enterpriseName.ts';

const normalize = createNameNormalizer(['中牟县', '中牟', '金水区', '金水']);
const score = (a: string, b: string) => nameMatchScore(normalize(a), normalize(b));

describe('enterprise name normalization', () => {
  it.each([
    ['金水区宏达塑料制品厂', '宏达塑料制品', '宏达'],
    ['郑州市中牟县官渡镇鑫源塑料加工厂', '鑫源塑料', '鑫源'],
    ['河南宏达（郑州）塑料制品股份有限公司', '宏达塑料制品', '宏达'],
    ['新乡县宏达塑料厂', '宏达塑料', '宏达'],
    ['辉县市宏达塑料厂', '宏达塑料', '宏达'],
    ['滑县宏达塑料厂', '宏达塑料', '宏达'],
    ['郑州经济技术开发区宏达机械有限公司', '宏达机械', '宏达'],
    ['ＡＢＣ　塑料厂', 'ABC塑料', 'ABC'],
    ['鑫源五金门市部', '鑫源五金', '鑫源'],
    ['中牟县官渡镇小李村塑料颗粒加工点', '小李村塑料颗粒', '小李村'],
  ])('%s → core %s, trade %s', (raw, core, trade) => {
    const n = normalize(raw);
    expect([n.core, n.trade]).toEqual([core, trade]);
  });

  it('never peels a name down to nothing (华联超市 is no place)', () => {
    expect(prepareEnterpriseName('华联超市').core).toBe('华联超市');
    expect(prepareEnterpriseName('华联超市有限公司').core).toBe('华联超市');
    expect(prepareEnterpriseName('厂').core).toBe('厂');
  });

  it('names the industry families and flags nameless workshops', () => {
    expect(normalize('鑫源塑料包装有限公司').families).toEqual(['packaging', 'plastics']);
    expect(normalize('无名塑料加工点').placeholder).toBe(true);
    expect(normalize('塑料加工厂').placeholder).toBe(true);
    expect(normalize('宏达塑料厂').placeholder).toBe(false);
  });
});

describe('enterprise name matching', () => {
  it.each([
    ['金水区宏达塑料制品厂', '宏达塑料制品有限公司'],
    ['郑州市宏达塑料制品有限公司', '宏达塑料制品厂'],
    ['河南宏达塑料有限责任公司', '宏达塑料厂'],
    ['宏达（郑州）塑料制品股份有限公司', '宏达塑料制品公司'],
    ['宏达(郑州)塑料制品公司', '宏达（郑州）塑料制品公司'],
    ['中牟县官渡镇鑫源塑料加工厂', '鑫源塑料厂'],
    ['中牟鑫源塑料厂', '鑫源塑料厂'],
    ['鑫源塑料门市部', '鑫源塑料门市'],
    ['鑫源五金经营部', '鑫源五金店'],
    ['鑫源五金商行', '鑫源五金'],
    ['老张食品作坊', '老张食品小作坊'],
    ['ＡＢＣ塑料厂', 'abc塑料厂'],
    ['宏 达 塑 料 厂', '宏达塑料厂'],
    ['宏达塑料制品厂', '宏达塑料厂'],
    ['滑县宏达塑料厂', '宏达塑料厂'],
    ['郑州经济技术开发区宏达机械有限公司', '宏达机械厂'],
    ['平顶山市鑫源建材有限公司', '鑫源建材厂'],
    ['小李村塑料颗粒加工点', '中牟县官渡镇小李村塑料颗粒加工点'],
    ['宏达厂', '宏达塑料制品有限公司'],
    ['鑫源塑料包装有限公司', '鑫源包装厂'],
    // one slip of the pen: wrong, swapped or dropped character
    ['华润达塑料制品厂', '华闰达塑料制品厂'],
    ['豫鑫源塑料厂', '豫源鑫塑料厂'],
    ['华润达塑料厂', '华达塑料厂'],
    ['宏达塑料厂', '宏大塑料厂'],
  ])('%s ≈ %s', (a, b) => {
    expect(score(a, b)).toBeGreaterThanOrEqual(NAME_MATCH_THRESHOLD);
    expect(score(b, a)).toBe(score(a, b));
  });

  it.each([
    ['鑫源塑料厂', '鑫源木业厂'],
    ['鑫源塑料厂', '鑫源木料厂'],
    ['宏达塑料厂', '宏达化工有限公司'],
    ['郑州宏达塑料厂', '开封宏达家具厂'],
    ['宏达塑料厂', '兴隆塑料厂'],
    ['鑫源塑料厂', '鑫塑料厂'],
    ['恒通物流有限公司', '恒通塑料厂'],
    ['华联超市', '华联五金店'],
    ['金水区宏达塑料制品厂', '金水区宏远建材厂'],
    ['无名塑料加工点', '无名塑料加工点'],
    ['塑料加工厂', '塑料厂'],
  ])('%s ≠ %s', (a, b) => {
    expect(score(a, b)).toBeLessThan(NAME_MATCH_THRESHOLD);
  });

  it('grades exact, added-industry and one-slip matches', () => {
    expect(score('金水区宏达塑料制品厂', '宏达塑料制品有限公司')).toBe(1);
    expect(score('宏达厂', '宏达塑料制品有限公司')).toBe(0.9);
    expect(score('华润达塑料厂', '华闰达塑料厂')).toBe(0.9);
    expect(score('宏达塑料厂', '宏大塑料厂')).toBe(0.8);
  });
});
