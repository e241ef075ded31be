import {
  CATEGORIES,
  MODES,
  OUTCOMES,
  SITE_KINDS,
  SOURCES,
  shanghaiClock,
  shanghaiDateTime,
} from '@ancha/core';

/**
 * Chinese labels and colours for field records. Codes the taxonomy does not know (a newer
 * server, an old record) are shown as they are rather than hidden.
 */
type Lookup = Record<string, string>;

const CATS = CATEGORIES as Record<string, { label: string; subtypes: Lookup }>;

export function subtypeLabel(category: string, subtype: string | null | undefined): string | null {
  return subtype ? (CATS[category]?.subtypes[subtype] ?? subtype) : null;
}

/** "扬尘治理" or, with a sub-type, "扬尘治理 / 施工工地扬尘". */
export function categoryLabel(category: string, subtype?: string | null): string {
  const label = CATS[category]?.label ?? category;
  const sub = subtypeLabel(category, subtype);
  return sub ? `${label} / ${sub}` : label;
}

export const modeLabel = (m: string) => (MODES as Lookup)[m] ?? m;
export const sourceLabel = (s: string) => (SOURCES as Lookup)[s] ?? s;
export const siteKindLabel = (k: string) => (SITE_KINDS as Lookup)[k] ?? k;
export const outcomeLabel = (o: string) => (OUTCOMES as Lookup)[o] ?? o;

/** antd Tag colours; the map uses the matching hex values. */
export const OUTCOME_TAG: Record<string, string> = {
  no_problem: 'green',
  fixed_on_spot: 'blue',
  needs_rectification: 'orange',
  suspected_violation: 'red',
};

export const OUTCOME_HEX: Record<string, string> = {
  no_problem: '#389e0d',
  fixed_on_spot: '#1677ff',
  needs_rectification: '#fa8c16',
  suspected_violation: '#cf1322',
};

/** From no problem to suspected violation: the order of the legend and of drawing on the map. */
export const OUTCOME_CODES = ['no_problem', 'fixed_on_spot', 'needs_rectification', 'suspected_violation'];

/** "2020-10-20 09:35" in campaign time (Asia/Shanghai) whatever the browser's zone; — when absent. */
export function fmtTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  if (Number.isNaN(Date.parse(iso))) return iso;
  return shanghaiDateTime(iso, { seconds: withSeconds });
}

/** "09:35" in campaign time. */
export function fmtClock(iso: string | null | undefined): string {
  return iso && !Number.isNaN(Date.parse(iso)) ? shanghaiClock(iso) : '—';
}

/** "1小时5分" between two instants (b later than a); negative spans read as 0. */
export function fmtSpan(fromIso: string, toIso: string): string {
  const mins = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
  if (mins < 60) return `${mins}分钟`;
  const h = Math.floor(mins / 60);
  if (h < 48) return `${h}小时${mins % 60 ? `${mins % 60}分` : ''}`;
  return `${Math.floor(h / 24)}天${h % 24 ? `${h % 24}小时` : ''}`;
}

export function teamLabel(groupNumber: number, teamNumber: number): string {
  return `第${groupNumber}组 · 第${teamNumber}小组`;
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(0)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
