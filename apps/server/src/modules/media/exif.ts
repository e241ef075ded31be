import exifr from 'exifr';
import { type ExifFacts, exifInstant } from './evidence.rules.ts';

const PICK = [
  'DateTimeOriginal',
  'OffsetTimeOriginal',
  'Software',
  'GPSLatitude',
  'GPSLatitudeRef',
  'GPSLongitude',
  'GPSLongitudeRef',
];

const finite = (n: unknown): number | null => (typeof n === 'number' && Number.isFinite(n) ? n : null);

/**
 * What the photo file itself says about when, where and with what it was made. exifr reads
 * only the header chunks it needs from the file. Values are kept raw (no Date revival, which
 * would read the zone-less EXIF time in the server's zone) and normalised by the rules.
 * A photo without readable EXIF gives null: screenshots and some messaging apps strip it.
 */
export async function readExif(file: string): Promise<ExifFacts | null> {
  let raw: Record<string, unknown> | undefined;
  try {
    raw = await exifr.parse(file, { pick: PICK, reviveValues: false, gps: true });
  } catch {
    return null;
  }
  if (!raw) return null;
  const lat = finite(raw.latitude);
  const lng = finite(raw.longitude);
  // (0, 0) is what some phones write when they had no fix.
  const hasFix = lat != null && lng != null && !(lat === 0 && lng === 0);
  const software = typeof raw.Software === 'string' ? raw.Software.trim().slice(0, 200) || null : null;
  const facts: ExifFacts = {
    time: exifInstant(raw.DateTimeOriginal, raw.OffsetTimeOriginal),
    lat: hasFix ? lat : null,
    lng: hasFix ? lng : null,
    software,
  };
  return facts.time || facts.lat != null || facts.software ? facts : null;
}
