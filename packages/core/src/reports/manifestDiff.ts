/**
 * "A later send carries what changed": when a group's package is sent again the same day
 * (a handover approved at 21:00, a corrected case), the mail says what differs from the last
 * send, so the mailbox's reader opens only what is new. Files are compared by content hash.
 */

export const PACKAGE_FILE_KINDS = {
  handover_form: '交办单',
  typical_case: '典型案例',
  daily_ledger: '汇总表',
} as const;
export type PackageFileKind = keyof typeof PACKAGE_FILE_KINDS;
const KIND_ORDER = Object.keys(PACKAGE_FILE_KINDS) as PackageFileKind[];

/** One file of a sent package. */
export interface ManifestFile {
  kind: PackageFileKind;
  /** The handover, case or ledger the file renders. */
  refId: string;
  /** SHA-256 of the file's bytes. */
  contentHash: string;
  /** File name as attached, for the mail body. */
  name?: string;
}

export interface ManifestDiff {
  added: ManifestFile[];
  changed: { before: ManifestFile; after: ManifestFile }[];
  removed: ManifestFile[];
  unchangedCount: number;
  hasChanges: boolean;
  /** One Chinese line for the mail body. */
  summary: string;
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
  const changed: { before: ManifestFile; after: ManifestFile }[] = [];
  let unchangedCount = 0;
  for (const [k, f] of after) {
    const old = before.get(k);
    if (!old) added.push(f);
    else if (old.contentHash !== f.contentHash) changed.push({ before: old, after: f });
    else unchangedCount++;
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
  return { added, changed, removed, unchangedCount, hasChanges, summary };
}
