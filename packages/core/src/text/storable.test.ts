import { describe, expect, it } from 'vitest';
import { findBadText, textProblem, wellFormed } from './storable.ts';

describe('storable text', () => {
  it('refuses lone surrogates and NUL, accepts every real character', () => {
    expect(textProblem('\ud800')).toBe('lone_surrogate');
    expect(textProblem('a\udc00b')).toBe('lone_surrogate');
    expect(textProblem('\udc00\ud800')).toBe('lone_surrogate'); // reversed pair
    expect(textProblem('a\u0000')).toBe('nul');
    for (const ok of ['', '郑州市金水区', '😀 emoji 𠀀', '\uFFFD', 'tab\tnew\nline', '\u200b'])
      expect(textProblem(ok)).toBeNull();
  });

  it('names the first bad string or key in a parsed body', () => {
    expect(findBadText({ a: 'x', problems: [{ description: 'ok' }, { description: '\ud83d' }] })).toEqual({
      path: 'problems.1.description',
      problem: 'lone_surrogate',
    });
    expect(findBadText({ ['\ud800']: 1 })).toEqual({ path: '\uFFFD', problem: 'lone_surrogate' });
    expect(findBadText({ q: 'a\u0000' })).toEqual({ path: 'q', problem: 'nul' });
    expect(findBadText({ a: [1, null, true, '测试'] })).toBeNull();
  });

  it('canonicalises for hashing exactly as UTF-8 storage reads back, and leaves valid text alone', () => {
    expect(wellFormed('a\ud800b')).toBe('a\uFFFDb');
    expect(Buffer.from(wellFormed('x\udc00'), 'utf8').toString('utf8')).toBe(
      Buffer.from('x\udc00', 'utf8').toString('utf8'),
    );
    const valid = '郑州😀';
    expect(wellFormed(valid)).toBe(valid);
  });
});
