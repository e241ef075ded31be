/**
 * Text folding and string similarity shared by the dispatch rules (ledger matching, clue
 * duplicates, hotspots). Chinese names and addresses are short, so simple measures do well:
 * an edit distance for names, a character-bigram Dice coefficient for addresses and content.
 */

const BRACKET_PAIRS = /[([{【〔〖「『][^)\]}】〕〗」』]*[)\]}】〕〗」』]/g;
const NOT_HAN_OR_ALNUM = /[^\p{Script=Han}A-Z0-9]/gu;

/**
 * Folds width and case (NFKC maps full-width letters, digits, brackets and the ideographic
 * space to ASCII) and drops everything that is not a Han character, letter or digit.
 */
export function foldText(s: string): string {
  return s.normalize('NFKC').toUpperCase().replace(NOT_HAN_OR_ALNUM, '');
}

/** Like {@link foldText}, but bracketed parts such as （郑州） or (普通合伙) are removed first. */
export function foldTextWithoutBrackets(s: string): string {
  return s.normalize('NFKC').toUpperCase().replace(BRACKET_PAIRS, '').replace(NOT_HAN_OR_ALNUM, '');
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * adjacent characters each cost 1 — the typist's mistakes (错字、漏字、颠倒).
 */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
    }
    prevPrev = prev;
    prev = row;
  }
  return prev[y.length]!;
}

/** A multiset of character bigrams (a single character stands for itself). */
export type Bigrams = ReadonlyMap<string, number>;

/** The character bigrams of an already folded string. */
export function bigramsOf(s: string): Bigrams {
  const chars = [...s];
  // Without astral characters code units are characters and a bigram is a plain slice.
  const plain = chars.length === s.length;
  const out = new Map<string, number>();
  if (chars.length === 1) out.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = plain ? s.slice(i, i + 2) : chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient of two bigram multisets: 1 for equal strings, 0 for nothing in common. */
export function diceOfBigrams(a: Bigrams, b: Bigrams): number {
  let sizeA = 0;
  let sizeB = 0;
  let common = 0;
  for (const n of a.values()) sizeA += n;
  for (const [g, n] of b) {
    sizeB += n;
    common += Math.min(n, a.get(g) ?? 0);
  }
  if (sizeA + sizeB === 0) return 0;
  return (2 * common) / (sizeA + sizeB);
}

/** Dice coefficient of two folded strings. */
export function diceSimilarity(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  return diceOfBigrams(bigramsOf(a), bigramsOf(b));
}

/** Character length counting astral characters once. */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
