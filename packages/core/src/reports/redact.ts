/**
 * The public version of a report's text (公开曝光): inspectors' names and other personal data
 * left out. Covert inspection only works while the inspected city does not know who inspects
 * it, so published text must never carry the inspectors' names.
 *
 * Chinese has no word boundaries, so a name is found wherever it appears, also when padded
 * with spaces ("张　三", a common way to align two-character names). Where that would cut into
 * words that are public anyway (the company, the road: "高峰建材厂" for an inspector 高峰), pass
 * them as `keepTerms`; a name inside a kept term is left alone. Leaking a name is worse than
 * masking one word too many, so nothing else is guessed.
 */
export interface RedactOptions {
  inspectorNames: readonly string[];
  /** Public words a name may sit inside: company, site and road names. */
  keepTerms?: readonly string[];
  /** What a name becomes. Fixed width so the mask does not reveal the name's length. */
  nameMask?: string;
}

export const NAME_MASK = '×××';

const MOBILE = /(?<!\d)(1[3-9]\d)([- ]?)(\d{4})([- ]?)(\d{4})(?!\d)/g;
const RESIDENT_ID = /(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
// Province, issuing-office letter (no I or O), optional separator, then 4–6 symbols and an
// optional suffix: 豫A12345, new-energy 豫AD12345, trailer 豫A1234挂.
const PLATE = new RegExp(
  `([${PROVINCES}][A-HJ-NP-Z])([·•\\s-]?)([A-HJ-NP-Z0-9]{4,6})([挂学警港澳]?)(?![A-Za-z0-9])`,
  'g',
);

/** 18-digit number that looks like a resident ID: region 1–8…, a real birth date 1800–2099. */
function looksLikeResidentId(region: string, birth: string): boolean {
  // The check digit is not verified on purpose: a mistyped ID is still someone's data.
  // Region codes start 1–8; all-digit unified social credit codes of companies start with 9.
  if (!/^[1-8]/.test(region)) return false;
  const y = Number(birth.slice(0, 4));
  const m = Number(birth.slice(4, 6));
  const d = Number(birth.slice(6, 8));
  if (y < 1800 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const LATIN_NAME = /^[A-Za-z][A-Za-z .'-]*$/;

/** Han names lose the spaces people pad them with; Latin names keep theirs ("Wang Wei"). */
function normalizeName(name: string): string {
  const n = name.trim();
  return LATIN_NAME.test(n) ? n : n.replace(/[ \u3000]/g, '');
}

/** A name as a pattern: its characters with optional spaces between ("张三" matches "张　三"). */
function namePattern(name: string): string {
  const chars = Array.from(name);
  const body = chars.map(escapeRegExp).join('[ \\u3000]*');
  // Latin-script names only match as whole words ("Li" must not mask "Lima").
  return LATIN_NAME.test(name) ? `(?<![A-Za-z])${body}(?![A-Za-z])` : body;
}

/** Ranges [start, end) of the kept terms in `text`. */
function keptRanges(text: string, terms: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  for (const term of terms) {
    const t = term.trim();
    if (t === '') continue;
    for (let i = text.indexOf(t); i !== -1; i = text.indexOf(t, i + 1)) out.push([i, i + t.length]);
  }
  return out;
}

function maskNames(text: string, options: RedactOptions): string {
  // One-character "names" would mask every occurrence of a common character: ignored.
  const names = [...new Set(options.inspectorNames.map(normalizeName))]
    .filter((n) => Array.from(n).length >= 2)
    .sort((a, b) => b.length - a.length); // longest first: 张三丰 before 张三
  if (names.length === 0) return text;
  const kept = keptRanges(text, options.keepTerms ?? []);
  const mask = options.nameMask ?? NAME_MASK;
  const re = new RegExp(names.map(namePattern).join('|'), 'giu');
  return text.replace(re, (match: string, offset: number) => {
    const end = offset + match.length;
    return kept.some(([s, e]) => offset >= s && end <= e) ? match : mask;
  });
}

/** "13812345678" → "138****5678" (keeps first 3 and last 4, and the writer's separators). */
function maskMobile(
  _m: string,
  head: string,
  sep1: string,
  _mid: string,
  sep2: string,
  tail: string,
): string {
  return `${head}${sep1}****${sep2}${tail}`;
}

/**
 * `text` fit for publication: inspectors' names replaced by a fixed mask, mainland mobile
 * numbers masked to 138****5678, resident ID numbers to 4101**********1234 (keeping the city,
 * hiding county and birth date), licence plates to 豫A***** (keeping province and office).
 */
export function redactForPublic(text: string, options: RedactOptions): string {
  let out = text.replace(RESIDENT_ID, (m: string, region: string, birth: string, tail: string) =>
    looksLikeResidentId(region, birth) ? `${region.slice(0, 4)}${'*'.repeat(10)}${tail}` : m,
  );
  out = out.replace(MOBILE, maskMobile);
  out = out.replace(PLATE, (m: string, office: string, sep: string, serial: string, suffix: string) => {
    // Every plate format has at least 3 digits; this spares words like 新A座 or model names.
    if ((serial.match(/\d/g)?.length ?? 0) < 3) return m;
    return `${office}${sep}${'*'.repeat(serial.length)}${suffix}`;
  });
  return maskNames(out, options);
}
