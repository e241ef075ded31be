/**
 * "A later send carries what changed": when a group's package is sent again the same day
 * (a handover approved at 21:00, a corrected case), the mail says what differs from the last
 * send the mailbox has, so its reader opens only what is new. Each attached item is keyed by
 * kind and reference and compared by a fingerprint of its source rows (their ids and
 * updated_at), never by the rendered bytes: a .docx rendered twice from the same rows differs
 * in its zip timestamps, and that is not a change anyone should be told about. The day's
 * problem list is one file, but its rows are listed one by one, so the mail can say which
 * problem is new, changed or gone.
 */

export const PACKAGE_FILE_KINDS = {
  handover_form: '交办单',
  typical_case: '典型案例',
  daily_ledger: '汇总表',
} as const;
export type PackageFileKind = keyof typeof PACKAGE_FILE_KINDS;
const KIND_ORDER = Object.keys(PACKAGE_FILE_KINDS) as PackageFileKind[];

/** One source row inside a file (a problem of the day's list). */
export interface ManifestRow {
  id: string;
  /** How people know it, for the mail body: site and problem. */
  label: string;
  /** Of the row's id and updated_at (or its content). */
  fingerprint: string;
}

/** One item of a sent package. */
export interface ManifestFile {
  kind: PackageFileKind;
  /** The handover, case or ledger the file renders. */
  refId: string;
  /** Fingerprint of the source rows the file renders (ids + updated_at or a hash of them). */
  contentHash: string;
  /** File name as attached, for the mail body. */
  name?: string;
  /** How people know the item: "交办单豫环暗查〔2020〕1号", "典型案例：某某公司". */
  label?: string;
  /** The rows of a list file, each fingerprinted, for a row-by-row account of the change. */
  rows?: ManifestRow[];
}

export interface RowChanges {
  added: ManifestRow[];
  changed: ManifestRow[];
  removed: ManifestRow[];
}

export interface ManifestDiff {
  added: ManifestFile[];
  changed: { before: ManifestFile; after: ManifestFile; rows?: RowChanges }[];
  removed: ManifestFile[];
  unchangedCount: number;
  hasChanges: boolean;
  /** One Chinese line for the mail body. */
  summary: string;
  /** One Chinese line per added, changed or removed item (and problem row), for the mail and the console. */
  lines: string[];
}

const keyOf = (f: ManifestFile) => `${f.kind}\u0000${f.refId}`;

function index(files: readonly ManifestFile[], which: string): Map<string, ManifestFile> {
  const map = new Map<string, ManifestFile>();
  for (const f of files) {
    const k = keyOf(f);
    // Two files for one reference means the package builder is wrong; guessing would hide it.
    if (map.has(k)) throw new RangeError(`${which} manifest lists ${f.kind} ${f.refId} twice`);
    map.set(k, f);
  }
  return map;
}

/** "交办单2份、典型案例1份", kinds in a fixed order. */
function countsByKind(files: readonly ManifestFile[]): string {
  return KIND_ORDER.map((kind) => [kind, files.filter((f) => f.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${PACKAGE_FILE_KINDS[kind]}${n}份`)
    .join('、');
}

const labelOf = (f: ManifestFile) => f.label ?? f.name ?? PACKAGE_FILE_KINDS[f.kind];

/** Rows of a list file that were added, changed or removed; null when either side has no rows. */
function diffRows(before: ManifestFile, after: ManifestFile): RowChanges | undefined {
  if (!before.rows || !after.rows) return undefined;
  const old = new Map(before.rows.map((r) => [r.id, r]));
  const now = new Set(after.rows.map((r) => r.id));
  return {
    added: after.rows.filter((r) => !old.has(r.id)),
    changed: after.rows.filter((r) => old.has(r.id) && old.get(r.id)!.fingerprint !== r.fingerprint),
    removed: before.rows.filter((r) => !now.has(r.id)),
  };
}

function describe(diff: Omit<ManifestDiff, 'summary' | 'lines' | 'hasChanges' | 'unchangedCount'>): string[] {
  const lines: string[] = [];
  for (const f of diff.added) lines.push(`新增：${labelOf(f)}`);
  for (const c of diff.changed) {
    if (!c.rows) {
      lines.push(`更新：${labelOf(c.after)}`);
      continue;
    }
    const r = c.rows;
    const parts = [
      ...r.added.map((x) => `新增问题“${x.label}”`),
      ...r.changed.map((x) => `问题“${x.label}”有更新`),
      ...r.removed.map((x) => `移除问题“${x.label}”`),
    ];
    lines.push(`更新：${labelOf(c.after)}${parts.length ? `（${parts.join('；')}）` : ''}`);
  }
  for (const f of diff.removed) lines.push(`移除：${labelOf(f)}`);
  return lines;
}

/**
 * What `next` adds, changes and removes relative to `previous` (null: nothing sent before).
 * Added and changed files keep `next`'s order, removed ones `previous`'s.
 */
export function diffManifests(
  previous: readonly ManifestFile[] | null,
  next: readonly ManifestFile[],
): ManifestDiff {
  const before = index(previous ?? [], 'previous');
  const after = index(next, 'next');
  const added: ManifestFile[] = [];
  const changed: ManifestDiff['changed'] = [];
  let unchangedCount = 0;
  for (const [k, f] of after) {
    const old = before.get(k);
    if (!old) added.push(f);
    else if (old.contentHash !== f.contentHash) {
      const rows = diffRows(old, f);
      changed.push(rows ? { before: old, after: f, rows } : { before: old, after: f });
    } else unchangedCount++;
  }
  const removed = [...before].filter(([k]) => !after.has(k)).map(([, f]) => f);
  const hasChanges = added.length + changed.length + removed.length > 0;

  let summary: string;
  if (previous === null) {
    summary = next.length === 0 ? '首次上报：无附件。' : `首次上报：${countsByKind(next)}。`;
  } else if (!hasChanges) {
    summary = '与上次发送的内容相同，无变更。';
  } else {
    const parts: string[] = [];
    if (added.length) parts.push(`新增${countsByKind(added)}`);
    if (changed.length) parts.push(`更新${countsByKind(changed.map((c) => c.after))}`);
    if (removed.length) parts.push(`移除${countsByKind(removed)}`);
    summary = `与上次发送相比：${parts.join('；')}。`;
  }
  const lines = previous === null ? [] : describe({ added, changed, removed });
  return { added, changed, removed, unchangedCount, hasChanges, summary, lines };
}

/**
 * What a send stores: its items and which earlier send it was compared with (the last one the
 * mailbox has or is about to get). Sends stored before this shape held the bare list.
 */
export interface StoredManifest {
  files: ManifestFile[];
  comparedToSeq: number | null;
}

export function parseStoredManifest(json: string): StoredManifest {
  const v = JSON.parse(json) as ManifestFile[] | StoredManifest;
  return Array.isArray(v) ? { files: v, comparedToSeq: null } : v;
}
