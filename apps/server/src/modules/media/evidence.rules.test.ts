import { distanceMetres } from '@ancha/core';
import { describe, expect, it } from 'vitest';
import {
  type EvidenceFacts,
  evidenceFlags,
  evidenceSummary,
  exifInstant,
  flagForViewer,
  isEditorSoftware,
  REUSE_MESSAGE,
  withReuseFlag,
} from './evidence.rules.ts';

const inspection = { startedAt: '2020-10-20T01:30:00.000Z', lat: 34.75, lng: 113.62 };

describe('exif time', () => {
  it('reads the zone-less EXIF wall clock as Shanghai time unless the camera wrote an offset', () => {
    expect(exifInstant('2020:10:20 09:35:00')).toBe('2020-10-20T01:35:00.000Z');
    expect(exifInstant('2020:10:20 09:35:00', '+09:00')).toBe('2020-10-20T00:35:00.000Z');
    expect(exifInstant('0000:00:00 00:00:00')).toBeNull();
    expect(exifInstant('yesterday')).toBeNull();
    expect(exifInstant(undefined)).toBeNull();
  });
});

describe('flags', () => {
  const exif = { time: '2020-10-20T01:35:00.000Z', lat: 34.7501, lng: 113.6202, software: 'iOS 14.0' };

  it('raises none for a plain photo taken on the spot', () => {
    expect(evidenceFlags({ exif, inspection, otherInspectionIds: [] })).toEqual([]);
    expect(evidenceFlags({ exif: null, inspection, otherInspectionIds: [] })).toEqual([]);
  });

  it('flags a capture time more than 12 hours from the inspection, in both directions', () => {
    const at = (time: string) =>
      evidenceFlags({ exif: { ...exif, time }, inspection, otherInspectionIds: [] }).map((f) => f.code);
    expect(at('2020-10-20T13:29:00.000Z')).toEqual([]);
    expect(at('2020-10-20T13:31:00.000Z')).toEqual(['exif_time_mismatch']);
    expect(at('2020-10-18T01:30:00.000Z')).toEqual(['exif_time_mismatch']);
    const [flag] = evidenceFlags({
      exif: { ...exif, time: '2020-10-18T01:30:00.000Z' },
      inspection,
      otherInspectionIds: [],
    });
    expect(flag!.message).toBe('照片拍摄时间（2020-10-18 09:30）与检查时间（2020-10-20 09:30）相差约48小时');
  });

  it('flags a position more than 1 km away, only when both positions are known', () => {
    const far = { ...exif, lat: 34.76, lng: 113.62 }; // ~1.1 km north
    expect(distanceMetres({ lat: 34.75, lng: 113.62 }, far)).toBeGreaterThan(1000);
    expect(evidenceFlags({ exif: far, inspection, otherInspectionIds: [] }).map((f) => f.code)).toEqual([
      'exif_position_mismatch',
    ]);
    expect(
      evidenceFlags({
        exif: far,
        inspection: { ...inspection, lat: null, lng: null },
        otherInspectionIds: [],
      }),
    ).toEqual([]);
    const near = { ...exif, lat: 34.758, lng: 113.62 }; // ~0.9 km
    expect(evidenceFlags({ exif: near, inspection, otherInspectionIds: [] })).toEqual([]);
  });

  it('recognises editors but not camera firmware', () => {
    for (const s of [
      'Adobe Photoshop 21.0 (Windows)',
      'Adobe Photoshop Lightroom Classic 9.0',
      'Snapseed 2.0',
      'MeituPic',
      '美图秀秀',
      'PicsArt',
      'GIMP 2.10',
    ]) {
      expect(isEditorSoftware(s), s).toBe(true);
    }
    for (const s of ['14.0', 'G998BXXU5CVDD', 'MediaTek Camera Application', 'HDR+ 1.0.345611234zd', null]) {
      expect(isEditorSoftware(s), String(s)).toBe(false);
    }
    const [flag] = evidenceFlags({
      exif: { ...exif, software: 'Snapseed 2.0' },
      inspection,
      otherInspectionIds: [],
    });
    expect(flag).toEqual({
      code: 'edited',
      message: '照片经过编辑软件处理（Snapseed 2.0），请核实是否为现场原图',
    });
  });

  it('names every other record holding the same bytes, replacing an older reuse flag', () => {
    const [flag] = evidenceFlags({ exif: null, inspection, otherInspectionIds: ['b', 'a'] });
    expect(flag!.code).toBe('reused_media');
    expect(flag!.inspectionIds).toEqual(['a', 'b']);
    const updated = withReuseFlag([{ code: 'edited', message: 'x' }, flag!], ['a', 'b', 'c']);
    expect(updated.map((f) => f.code)).toEqual(['edited', 'reused_media']);
    expect(updated[1]!.inspectionIds).toEqual(['a', 'b', 'c']);
    // What is stored names no record in words: who may see which is decided when it is read.
    expect(updated[1]!.message).toBe(REUSE_MESSAGE);
    expect(withReuseFlag(updated, [])).toEqual([{ code: 'edited', message: 'x' }]);
  });
});

describe('evidence summary and lateness', () => {
  const row = (o: Partial<EvidenceFacts>): EvidenceFacts => ({
    capturedAt: null,
    exifTime: null,
    uploadedAt: '2020-10-20T02:00:00.000Z',
    flags: [],
    ...o,
  });

  it('counts, flags and takes the earliest capture and upload', () => {
    const s = evidenceSummary(
      [
        row({ capturedAt: '2020-10-20T01:40:00.000Z', uploadedAt: '2020-10-20T02:05:00.000Z' }),
        row({
          exifTime: '2020-10-20T01:35:00.000Z',
          uploadedAt: '2020-10-20T02:00:00.000Z',
          flags: [{ code: 'edited', message: '' }],
        }),
      ],
      'no_problem',
      30,
    );
    expect(s).toEqual({
      evidenceCount: 2,
      flagged: true,
      firstCapturedAt: '2020-10-20T01:35:00.000Z',
      firstUploadedAt: '2020-10-20T02:00:00.000Z',
      lateEvidence: false,
    });
  });

  it('is late only for a suspected violation posted more than the limit after capture', () => {
    const capture = '2020-10-20T01:00:00.000Z';
    const late = [row({ capturedAt: capture, uploadedAt: '2020-10-20T01:31:00.000Z' })];
    const onTime = [row({ capturedAt: capture, uploadedAt: '2020-10-20T01:30:00.000Z' })];
    expect(evidenceSummary(late, 'suspected_violation', 30).lateEvidence).toBe(true);
    expect(evidenceSummary(onTime, 'suspected_violation', 30).lateEvidence).toBe(false);
    expect(evidenceSummary(late, 'fixed_on_spot', 30).lateEvidence).toBe(false);
    expect(evidenceSummary(late, 'suspected_violation', 45).lateEvidence).toBe(false);
    expect(evidenceSummary([row({})], 'suspected_violation', 30).lateEvidence).toBe(false);
    expect(evidenceSummary([], 'suspected_violation', 30)).toMatchObject({
      evidenceCount: 0,
      flagged: false,
      lateEvidence: false,
    });
  });

  it('ignores an EXIF time already flagged as a wrong clock when judging lateness', () => {
    const wrongClock = row({
      capturedAt: '2020-10-20T01:50:00.000Z',
      exifTime: '2000-01-01T00:00:00.000Z',
      flags: [{ code: 'exif_time_mismatch', message: '' }],
    });
    const s = evidenceSummary([wrongClock], 'suspected_violation', 30);
    expect(s.firstCapturedAt).toBe('2020-10-20T01:50:00.000Z');
    expect(s.lateEvidence).toBe(false);
  });
});

describe('reuse flags for one viewer', () => {
  const a = '0190e2a0-0000-7000-8000-00000000000a';
  const b = '0190e2a0-0000-7000-8000-00000000000b';
  it('name only the records the viewer may see, and read flags stored with the ids in the message', () => {
    const stored = withReuseFlag([], [b, a])[0]!;
    expect(flagForViewer(stored, (id) => id === a)).toMatchObject({ inspectionIds: [a] });
    expect(flagForViewer(stored, () => false)).toEqual({ code: 'reused_media', message: REUSE_MESSAGE });
    const legacy = {
      code: 'reused_media',
      message: `同一文件也是其他检查记录的证据（记录编号：${a}、${b}），请核实是否重复使用`,
    };
    expect(flagForViewer(legacy, () => false).message).not.toContain(a);
    expect(flagForViewer(legacy, (id) => id === b).inspectionIds).toEqual([b]);
  });
});
