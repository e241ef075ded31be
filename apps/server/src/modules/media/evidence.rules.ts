import { distanceMetres, shanghaiDateTime } from '@ancha/core';

/**
 * The rules that judge evidence, as pure functions: no I/O, no clock. Evidence is never
 * refused for what it shows; doubtful evidence is flagged for a person to look at.
 */

export interface EvidenceFlag {
  code: 'exif_time_mismatch' | 'exif_position_mismatch' | 'edited' | 'reused_media' | (string & {});
  message: string;
  /** reused_media: the other records holding the same bytes (shown only to those who may see them). */
  inspectionIds?: string[];
}

/** What a photo's EXIF says, normalised: `time` is an ISO instant, null when absent. */
export interface ExifFacts {
  time: string | null;
  lat: number | null;
  lng: number | null;
  software: string | null;
}

export const EXIF_TIME_TOLERANCE_HOURS = 12;
export const EXIF_POSITION_TOLERANCE_M = 1000;

// Photo editors and beautifiers seen on inspectors' phones and desktops. Camera firmware
// writes its version ("16.1", "G998BXXU5CVDD"), which matches none of these.
const EDITOR_SOFTWARE =
  /photoshop|lightroom|snapseed|picsart|gimp|美图|meitu|醒图|美颜|faceu|b612|pixelmator|affinity photo|fotor|polarr|泼辣|vsco|canva|photo ?editor|ps express|perfect365|facetune|inshot|wps图片|稿定/i;

export function isEditorSoftware(software: string | null | undefined): boolean {
  return !!software && EDITOR_SOFTWARE.test(software);
}

/**
 * EXIF DateTimeOriginal ("2020:10:20 09:35:00") as an ISO instant. EXIF carries no zone
 * unless the camera wrote OffsetTimeOriginal; without one the phone was in China, so the
 * wall-clock time is read as Asia/Shanghai (+08:00, no daylight saving).
 */
export function exifInstant(raw: unknown, offset?: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(raw.trim());
  if (!m) return null;
  const zone =
    typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : '+08:00';
  const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(t) || m[1] === '0000' ? null : new Date(t).toISOString();
}

/** What a reuse flag says to someone who may not see the other records: that they exist, no more. */
export const REUSE_MESSAGE = '同一文件也是本专项行动其他检查记录的证据，请核实是否重复使用';

export function reuseFlag(otherInspectionIds: readonly string[]): EvidenceFlag {
  return { code: 'reused_media', message: REUSE_MESSAGE, inspectionIds: [...otherInspectionIds].sort() };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * A flag as one viewer may read it: a reuse flag names only the other records the viewer may
 * see (`visible`); to anyone else it just says the file is evidence elsewhere in the campaign.
 * Flags stored before the ids had their own field carried them in the message.
 */
export function flagForViewer(f: EvidenceFlag, visible: (inspectionId: string) => boolean): EvidenceFlag {
  if (f.code !== 'reused_media') return f;
  const all = f.inspectionIds ?? f.message.match(UUID) ?? [];
  const shown = all.filter(visible);
  return shown.length
    ? {
        code: f.code,
        message: `同一文件也是其他检查记录的证据（记录编号：${shown.join('、')}），请核实是否重复使用`,
        inspectionIds: shown,
      }
    : { code: f.code, message: REUSE_MESSAGE };
}

/** Every record a flag list names (to look up, once, which of them a viewer may see). */
export function flaggedInspectionIds(flags: readonly EvidenceFlag[]): string[] {
  return flags.flatMap((f) =>
    f.code === 'reused_media' ? (f.inspectionIds ?? f.message.match(UUID) ?? []) : [],
  );
}

/** Replaces any reuse flag with one naming every other record that holds the same bytes. */
export function withReuseFlag(
  flags: readonly EvidenceFlag[],
  otherInspectionIds: readonly string[],
): EvidenceFlag[] {
  const rest = flags.filter((f) => f.code !== 'reused_media');
  return otherInspectionIds.length ? [...rest, reuseFlag(otherInspectionIds)] : rest;
}

export interface FlagInput {
  exif: ExifFacts | null;
  inspection: { startedAt: string; lat: number | null; lng: number | null };
  /** Other inspections whose evidence has exactly these bytes. */
  otherInspectionIds: readonly string[];
}

export function evidenceFlags({ exif, inspection, otherInspectionIds }: FlagInput): EvidenceFlag[] {
  const flags: EvidenceFlag[] = [];
  if (exif?.time) {
    const hours = Math.abs(Date.parse(exif.time) - Date.parse(inspection.startedAt)) / 3600_000;
    if (hours > EXIF_TIME_TOLERANCE_HOURS) {
      flags.push({
        code: 'exif_time_mismatch',
        message: `照片拍摄时间（${shanghaiDateTime(exif.time)}）与检查时间（${shanghaiDateTime(inspection.startedAt)}）相差约${Math.round(hours)}小时`,
      });
    }
  }
  if (exif?.lat != null && exif.lng != null && inspection.lat != null && inspection.lng != null) {
    const m = distanceMetres({ lat: exif.lat, lng: exif.lng }, { lat: inspection.lat, lng: inspection.lng });
    if (m > EXIF_POSITION_TOLERANCE_M) {
      flags.push({
        code: 'exif_position_mismatch',
        message: `照片拍摄位置与检查记录位置相距约${(m / 1000).toFixed(1)}公里`,
      });
    }
  }
  if (isEditorSoftware(exif?.software)) {
    flags.push({
      code: 'edited',
      message: `照片经过编辑软件处理（${exif!.software}），请核实是否为现场原图`,
    });
  }
  return withReuseFlag(flags, otherInspectionIds);
}

export interface EvidenceFacts {
  capturedAt: string | null;
  exifTime: string | null;
  uploadedAt: string;
  flags: readonly EvidenceFlag[];
}

export interface EvidenceSummary {
  evidenceCount: number;
  flagged: boolean;
  firstCapturedAt: string | null;
  firstUploadedAt: string | null;
  lateEvidence: boolean;
}

const earliest = (isos: (string | null)[]): string | null => {
  const ts = isos
    .filter((s): s is string => !!s)
    .map((s) => Date.parse(s))
    .filter((t) => !Number.isNaN(t));
  return ts.length ? new Date(Math.min(...ts)).toISOString() : null;
};

/**
 * An inspection's evidence columns. The first capture is the earliest time any evidence
 * claims (the phone's capture time or the photo's own EXIF time, whichever is earlier, so
 * a late post cannot hide behind a later phone timestamp); no capture time, no lateness. A suspected violation's evidence
 * must reach the server within `lateMinutes` of that capture (the plan: posted on the spot).
 */
export function evidenceSummary(
  rows: readonly EvidenceFacts[],
  outcome: string,
  lateMinutes: number,
): EvidenceSummary {
  // An EXIF time already flagged as far off the inspection is a wrong camera clock or an old
  // photo: flagged for that, it must not also decide lateness.
  const trustedExif = (r: EvidenceFacts) =>
    r.flags.some((f) => f.code === 'exif_time_mismatch') ? null : r.exifTime;
  const firstCapturedAt = earliest(rows.flatMap((r) => [r.capturedAt, trustedExif(r)]));
  const firstUploadedAt = earliest(rows.map((r) => r.uploadedAt));
  const lateEvidence =
    outcome === 'suspected_violation' &&
    !!firstCapturedAt &&
    !!firstUploadedAt &&
    Date.parse(firstUploadedAt) - Date.parse(firstCapturedAt) > lateMinutes * 60_000;
  return {
    evidenceCount: rows.length,
    flagged: rows.some((r) => r.flags.length > 0),
    firstCapturedAt,
    firstUploadedAt,
    lateEvidence,
  };
}
