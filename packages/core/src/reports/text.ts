/**
 * Character counting for report text. The plan says a typical case's violation description
 * must be "不得低于150字"; people count what they see, so we count user-perceived characters
 * (grapheme clusters): a Chinese character, a punctuation mark and an emoji each count 1,
 * never bytes or UTF-16 code units (an emoji is 2–11 units, a Chinese character 3 UTF-8 bytes).
 */

/** The plan's minimum length of a typical case's 违法内容描述 (不得低于150字). */
export const MIN_CASE_DESCRIPTION_CHARS = 150;

// A cluster made only of whitespace, control or format characters (zero-width space, BOM,
// direction marks) is invisible. It does not count, so nobody reaches 150 by padding.
const INVISIBLE_CLUSTER = /^[\s\p{Cc}\p{Cf}]+$/u;

let segmenter: Intl.Segmenter | undefined;

/** Splits text into user-perceived characters (grapheme clusters). */
export function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/**
 * The number of visible characters in `text` as a reader counts them (字数): each grapheme
 * cluster counts 1; whitespace (including the ideographic space U+3000 and line breaks) and
 * invisible format characters do not count.
 */
export function countChars(text: string): number {
  let n = 0;
  for (const g of graphemes(text)) if (!INVISIBLE_CLUSTER.test(g)) n++;
  return n;
}
