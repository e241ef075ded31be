/**
 * Text the platform will store. Two things a JSON string (or a decoded query) can hold are
 * refused at the edge, for every string field of every request (keys included):
 *
 * - a lone UTF-16 surrogate (`"\ud800"`): not Unicode at all. No keyboard or IME produces
 *   one; only a broken or hostile client does. Each database silently stores it as U+FFFD,
 *   so what was hashed (the audit chain, idempotency bodies) is not what is read back.
 * - U+0000 (NUL): PostgreSQL text cannot hold it and SQLite's C API cuts at it.
 *
 * Refused, not repaired: replacing with U+FFFD would save something other than what the
 * client sent, and make two different requests look alike (idempotency by body hash).
 */
export type TextProblem = 'lone_surrogate' | 'nul';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function textProblem(s: string): TextProblem | null {
  if (s.includes('\u0000')) return 'nul';
  return LONE_SURROGATE.test(s) ? 'lone_surrogate' : null;
}

export const TEXT_PROBLEM_MESSAGES: Record<TextProblem, string> = {
  lone_surrogate: '含有无效的 Unicode 字符（孤立的代理项），请检查输入',
  nul: '含有空字符（U+0000），请删除后重试',
};

export interface BadText {
  /** Where in the value: `name`, `problems.0.description`; a bad key is named as it is. */
  path: string;
  problem: TextProblem;
}

/** The first string (or object key) in a parsed value that cannot be stored, or null. */
export function findBadText(value: unknown, path: string[] = [], depth = 0): BadText | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { path: path.join('.'), problem } : null;
  }
  // Deeper than any schema of ours: validation refuses it anyway; stop walking.
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findBadText(value[i], [...path, String(i)], depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    const keyProblem = textProblem(key);
    if (keyProblem)
      return { path: [...path, wellFormed(key).replaceAll('\u0000', '\\0')].join('.'), problem: keyProblem };
    const bad = findBadText(v, [...path, key], depth + 1);
    if (bad) return bad;
  }
  return null;
}

/**
 * The canonical form of a string for hashing: lone surrogates as U+FFFD, exactly what
 * UTF-8 storage (both databases) gives back. Identical to the input for all valid text, so
 * hashes made before this existed still verify.
 */
export function wellFormed(s: string): string {
  if (!LONE_SURROGATE.test(s)) return s;
  return s.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}
