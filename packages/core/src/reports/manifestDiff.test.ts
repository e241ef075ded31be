import { describe, expect, it } from 'vitest';
import { diffManifests, type ManifestFile } from './manifestDiff.ts';

const h1: ManifestFile = { kind: 'handover_form', refId: 'h1', contentHash: 'a1', name: '交办单-001.docx' };
const h2: ManifestFile = { kind: 'handover_form', refId: 'h2', contentHash: 'a2' };
const c1: ManifestFile = { kind: 'typical_case', refId: 'c1', contentHash: 'b1' };
const ledger: ManifestFile = { kind: 'daily_ledger', refId: 'd', contentHash: 'l1' };

describe('diffManifests (a later send carries what changed)', () => {
  it('describes a first send', () => {
    const d = diffManifests(null, [c1, h1, h2]);
    expect(d.added).toEqual([c1, h1, h2]);
    expect(d.hasChanges).toBe(true);
    expect(d.summary).toBe('首次上报：交办单2份、典型案例1份。');
    expect(diffManifests(null, []).summary).toBe('首次上报：无附件。');
  });

  it('says so when nothing changed', () => {
    const d = diffManifests([h1, c1], [c1, h1]);
    expect(d).toMatchObject({ added: [], changed: [], removed: [], unchangedCount: 2, hasChanges: false });
    expect(d.summary).toBe('与上次发送的内容相同，无变更。');
  });

  it('finds added, changed and removed files by kind and reference', () => {
    const c1v2 = { ...c1, contentHash: 'b2' };
    const h3: ManifestFile = { kind: 'handover_form', refId: 'h3', contentHash: 'a3' };
    const d = diffManifests([h1, h2, c1, ledger], [h1, c1v2, h3, ledger]);
    expect(d.added).toEqual([h3]);
    expect(d.changed).toEqual([{ before: c1, after: c1v2 }]);
    expect(d.removed).toEqual([h2]);
    expect(d.unchangedCount).toBe(2);
    expect(d.summary).toBe('与上次发送相比：新增交办单1份；更新典型案例1份；移除交办单1份。');
  });

  it('keeps files of different kinds with the same id apart', () => {
    const d = diffManifests(
      [{ kind: 'typical_case', refId: 'x', contentHash: '1' }],
      [{ kind: 'handover_form', refId: 'x', contentHash: '1' }],
    );
    expect(d.summary).toBe('与上次发送相比：新增交办单1份；移除典型案例1份。');
  });

  it('orders kinds in the summary the same way every time', () => {
    const d = diffManifests([], [ledger, c1, h1]);
    expect(d.summary).toBe('与上次发送相比：新增交办单1份、典型案例1份、汇总表1份。');
  });

  it('refuses a manifest listing one reference twice', () => {
    expect(() => diffManifests([h1, h1], [])).toThrow(RangeError);
    expect(() => diffManifests([], [c1, { ...c1, contentHash: 'zz' }])).toThrow(RangeError);
  });
});

describe('diffManifests names each changed item', () => {
  const row = (id: string, fp: string) => ({ id, label: `点位${id}：问题`, fingerprint: fp });
  const list = (rows: ReturnType<typeof row>[], hash: string): ManifestFile => ({
    kind: 'daily_ledger',
    refId: 'd',
    contentHash: hash,
    label: '问题清单',
    rows,
  });

  it('lists added and changed items by label, and the problem rows of the day list one by one', () => {
    const hA = { ...h1, label: '交办单豫环暗查〔2020〕1号' };
    const caseA = { ...c1, label: '典型案例：甲公司' };
    const d = diffManifests(
      [hA, list([row('1', 'x'), row('2', 'y')], 'L1')],
      [{ ...hA, contentHash: 'new' }, caseA, list([row('1', 'x2'), row('3', 'z')], 'L2')],
    );
    expect(d.lines).toEqual([
      '新增：典型案例：甲公司',
      '更新：交办单豫环暗查〔2020〕1号',
      '更新：问题清单（新增问题“点位3：问题”；问题“点位1：问题”有更新；移除问题“点位2：问题”）',
    ]);
  });

  it('has no lines for a first send or for nothing changed', () => {
    expect(diffManifests(null, [h1]).lines).toEqual([]);
    expect(diffManifests([h1], [h1]).lines).toEqual([]);
  });
});
