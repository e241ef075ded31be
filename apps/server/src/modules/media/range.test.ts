import { describe, expect, it } from 'vitest';
import { parseRange } from './range.ts';

describe('Range header', () => {
  it('reads the forms players send', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=0-', 100)).toEqual({ kind: 'part', range: { start: 0, end: 99 } });
    expect(parseRange('bytes=10-19', 100)).toEqual({ kind: 'part', range: { start: 10, end: 19 } });
    expect(parseRange('bytes=90-500', 100)).toEqual({ kind: 'part', range: { start: 90, end: 99 } });
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'part', range: { start: 90, end: 99 } });
    expect(parseRange('bytes=-500', 100)).toEqual({ kind: 'part', range: { start: 0, end: 99 } });
  });

  it('refuses ranges past the end and ignores what it does not understand', () => {
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'whole' });
    expect(parseRange('items=0-1', 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=5-1', 100)).toEqual({ kind: 'whole' });
  });
});
