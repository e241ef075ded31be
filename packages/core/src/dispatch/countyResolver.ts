/**
 * Resolving the county column of an imported sheet: people write "中牟县", "中牟", "郑州市中牟县"
 * or 410122. The server hands over the division list (from the maintained dataset); this module
 * finds the one county of the stationed city that is meant, or says in Chinese why it cannot.
 */
import { JIYUAN_DIVISION_CODE } from '../divisions.ts';

/** A division as the server lists it. */
export interface DivisionRef {
  code: string;
  name: string;
  parentCode: string | null;
}

export type CountyResolution = { ok: true; code: string; name: string } | { ok: false; message: string };
/** Resolves a county given by name or code within a city (4-digit code, or 济源 419001). */
export type CountyResolver = (value: string, cityCode: string) => CountyResolution;

/** "管城回族区" → "管城", "新郑市" → "新郑", "滑县" → "滑": how people shorten county names. */
function shortName(name: string): string {
  const bare = name.replace(/(自治县|县|区|市)$/, '').replace(/回族$/, '');
  return bare === '' ? name : bare;
}

function fold(s: string): string {
  return s.normalize('NFKC').replace(/\s/g, '');
}

/**
 * A resolver over a division list. Counties are the divisions whose parent is the city; 济源
 * has none under it, so in 济源 the city itself (419001, "济源", "济源市") is the county answer.
 */
export function createCountyResolver(divisions: readonly DivisionRef[]): CountyResolver {
  const byCode = new Map(divisions.map((d) => [d.code, d]));
  const childrenOf = new Map<string, DivisionRef[]>();
  for (const d of divisions) {
    if (d.parentCode === null || d.code.length !== 6 || d.code === JIYUAN_DIVISION_CODE) continue;
    const list = childrenOf.get(d.parentCode);
    if (list) list.push(d);
    else childrenOf.set(d.parentCode, [d]);
  }
  const jiyuan = byCode.get(JIYUAN_DIVISION_CODE) ?? {
    code: JIYUAN_DIVISION_CODE,
    name: '济源市',
    parentCode: '41',
  };
  const countiesOf = (city: string) =>
    city === JIYUAN_DIVISION_CODE ? [jiyuan] : (childrenOf.get(city) ?? []);
  const allCounties = [jiyuan, ...[...childrenOf.values()].flat()];
  const nameOf = (code: string) => byCode.get(code)?.name ?? code;
  const found = (d: DivisionRef): CountyResolution => ({ ok: true, code: d.code, name: d.name });

  return (raw, cityCode) => {
    const value = fold(raw);
    if (value === '') return { ok: false, message: '请填写区县' };
    const cityName = nameOf(cityCode);
    const counties = countiesOf(cityCode);
    if (/^\d+$/.test(value)) {
      if (value.length !== 6) return { ok: false, message: `区县代码应为6位数字（现为“${value}”）` };
      const d = counties.find((c) => c.code === value);
      if (d) return found(d);
      const other = byCode.get(value);
      return other
        ? { ok: false, message: `区县“${other.name}”（${value}）不在${cityName}` }
        : { ok: false, message: `区县代码“${value}”不存在` };
    }
    // A leading city name ("郑州市中牟县", "郑州中牟") adds nothing once the city is known; the
    // name as written is tried first so that 新乡县 in 新乡市 is not read as "县".
    const cityFull = fold(cityName);
    const cityShort = shortName(cityFull);
    const readings = [value];
    for (const prefix of [cityFull, cityShort]) {
      if (value.length > prefix.length && value.startsWith(prefix)) readings.push(value.slice(prefix.length));
    }
    for (const name of readings) {
      const exact = counties.filter((c) => fold(c.name) === name);
      const matches = exact.length
        ? exact
        : counties.filter((c) => shortName(fold(c.name)) === shortName(name));
      if (matches.length === 1) return found(matches[0]!);
      if (matches.length > 1) {
        return { ok: false, message: `${cityName}有多个区县与“${value}”相符，请填写6位区县代码` };
      }
    }
    const elsewhere = allCounties.find((c) => fold(c.name) === value);
    if (elsewhere) {
      const parent = elsewhere.parentCode ? nameOf(elsewhere.parentCode) : '';
      return { ok: false, message: `“${value}”属于${parent}，不在${cityName}` };
    }
    return { ok: false, message: `${cityName}没有名为“${value}”的区县` };
  };
}
