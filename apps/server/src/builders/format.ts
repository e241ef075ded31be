import { CATEGORIES, type CategoryCode } from '@ancha/core';

// Text conventions shared by the generated documents. Dates (GB/T 9704: Arabic numerals, no
// leading zeros) and campaign-time instants come from core's time module.

/** A category with its sub-type when there is one: `扬尘治理（施工工地扬尘）`. */
export function categoryLabel(category: string, subtype?: string | null): string {
  const c = CATEGORIES[category as CategoryCode];
  if (!c) return category;
  const subs: Record<string, string> = c.subtypes;
  const sub = subtype ? subs[subtype] : undefined;
  return sub && sub !== '其他' ? `${c.label}（${sub}）` : c.label;
}

/**
 * The receiving bureau as addressed on a form. A city's is its 生态环境局; a district's or
 * county's is the city bureau's 分局 (after the vertical-management reform), written with
 * the city first; a county-level city's is its own 生态环境局.
 */
export function bureauName(o: { cityName: string; countyName?: string | null }): string {
  if (!o.countyName) return `${o.cityName}生态环境局`;
  if (o.countyName.endsWith('市')) return `${o.countyName}生态环境局`;
  return `${o.cityName}${o.countyName}生态环境分局`;
}

/** City and county as one place name (`郑州市金水区`); a city alone when there is no county. */
export function placeName(cityName: string, countyName?: string | null): string {
  return countyName && countyName !== cityName ? `${cityName}${countyName}` : cityName;
}

/** A file name safe on every desktop (no path or reserved characters), at most 120 characters. */
export function safeFileName(name: string): string {
  return [...name]
    .map((c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .trim()
    .slice(0, 120);
}

// The content types are part of the API contract (the OpenAPI document declares them): core owns them.
export { DOCX_MIME, XLSX_MIME } from '@ancha/core';

/**
 * `Content-Disposition` for a download with a Chinese name: an ASCII fallback for old
 * clients and the RFC 5987 `filename*` every current browser and mail client prefers.
 */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}
