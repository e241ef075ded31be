import Dexie, { type EntityTable } from 'dexie';
import type {
  AlertOut,
  DivisionOut,
  FieldContextOut,
  HandoverOut,
  InspectionOut,
  InstructionOut,
  LedgerCityOut,
  LedgerEntryOut,
  LoginResult,
  PhotoUploadFields,
  PriorityAreaOut,
  ProblemOut,
  SiteKind,
  SiteOut,
  TaskOut,
  TransitionBody,
  VideoUploadMeta,
} from './core.ts';

// What the phone keeps in IndexedDB. Every field that comes from the API has core's type; the
// shapes are the phone's own (what it must show with no signal, what waits in the outbox).

/** The login's token and who it is for (the rest of the answer is not kept). */
export type Session = Pick<LoginResult, 'token'> & {
  user: Pick<LoginResult['user'], 'id' | 'username' | 'displayName'>;
  /** Signed in with a one-time code: a password must be set before anything else. */
  mustChangePassword?: boolean;
};

/** GET /me/field-context, kept so the app knows its team with no network. */
export type FieldContext = FieldContextOut;

/** A registry site; `local` ones were registered on this phone and may not be on the server yet. */
export interface CachedSite extends SiteOut {
  origin: 'server' | 'local';
}

export type Division = Pick<DivisionOut, 'code' | 'name'>;

/** What the server already holds for the team today (for the quota and the record list). */
export type ServerRecord = Pick<
  InspectionOut,
  'id' | 'startedAt' | 'category' | 'subtype' | 'outcome' | 'evidenceCount'
> & {
  date: InspectionOut['localDate'];
  siteId: SiteOut['id'];
  siteName: SiteOut['name'];
  siteKind: SiteKind;
};

/**
 * `followup_photo` is a 回头看 photo (a problem attachment, purpose follow_up); `followup` is the
 * problem's follow_up transition, sent after its photos (and after the follow-up inspection).
 */
export type ItemKind =
  | 'site'
  | 'inspection'
  | 'photo'
  | 'video'
  | 'followup_photo'
  | 'followup'
  /** The integrity pledge or self-check (POST /integrity), its client id as the body's `id`. */
  | 'integrity';
export type ItemStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** A photo or video waiting to go: its upload's fields (all of them known on the phone) and the file's type and size. */
export type EvidenceMeta = Required<
  Pick<VideoUploadMeta, 'inspectionId' | 'sha256' | 'capturedAt' | 'queuedAt' | 'filename'>
> & { mime: string; size: number };

/**
 * One request to make. `seq` orders the queue; `id` is the entity's client id (site and
 * inspection) or the evidence's own id, and `deps` names items that must be sent first.
 */
export interface OutboxItem {
  seq?: number;
  id: string;
  kind: ItemKind;
  deps: string[];
  /** The inspection an item belongs to (itself for an inspection), for the record list. */
  inspectionId: string | null;
  body: unknown;
  status: ItemStatus;
  attempts: number;
  nextAttemptAt: number;
  error: { code: string; message: string; permanent: boolean } | null;
  createdAt: number;
  sentAt: number | null;
  /** Campaign-local date the item belongs to (today's list and pruning). */
  date: string;
  /** Where a resumable video upload lives on the server, once created. */
  uploadUrl?: string;
  /** What the record list shows of an inspection without another lookup. */
  view?: { siteName: string; siteKind: SiteKind };
  /** The problem a follow-up item belongs to, and what the lists show of it once the task is gone. */
  followUp?: { problemId: string; taskId: string; siteName: string; handoverNumber: string | null };
}

/** A 回头看 photo as it waits in the outbox: a follow_up attachment of the problem. */
export type FollowUpPhotoMeta = Required<Pick<PhotoUploadFields, 'sha256' | 'capturedAt'>> & {
  problemId: ProblemOut['id'];
  filename: string;
  mime: string;
  size: number;
};

/** The problem's `follow_up` transition; `clientId` makes a retry after a lost answer safe. */
export type FollowUpBody = Extract<TransitionBody, { action: 'follow_up' }> & { clientId: string };

/** The bureau's report on a handover (属地反馈). */
export type Feedback = NonNullable<HandoverOut['feedback']>;

/**
 * An open 回头看 task of the group with what the phone must show of its problem offline: what
 * was handed over, to whom, by when, and what the bureau reported back.
 */
export interface FollowUpTask {
  problemId: string;
  taskId: string;
  roundNumber: number;
  /** The round's last day: every follow-up of a round is done before it ends. */
  dueDate: string;
  site: { id: string; name: string; address: string | null; divisionName: string | null };
  /** Empty while the problem's detail has not been read (the task list alone was reachable). */
  category: ProblemOut['category'] | '';
  kind: ProblemOut['kind'] | '';
  state: ProblemOut['state'];
  description: string;
  foundAt: string | null;
  handover:
    | (Pick<HandoverOut, 'number' | 'deadline' | 'requirements' | 'handedOverAt' | 'feedback'> & {
        bureauName: string;
        /** Absent in copies saved before it was sent: read as none, so the form asks for a reason. */
        feedbackPhotos?: number;
      })
    | null;
  allowedActions: ProblemOut['allowedActions'];
}

/** An instruction to the user's groups, as last downloaded (shown until read, offline too). */
export type CachedInstruction = InstructionOut;

/** A pushed checklist item or 12369 clue the group must verify (GET /tasks, kinds checklist and clue). */
export type DispatchTask = TaskOut;

/** A pollution alert in force when last downloaded; the phone re-checks its window itself. */
export type CachedAlert = AlertOut;
/** The stationed city's "散乱污" ledger, cached at refresh for the matcher on the phone. */
export type LedgerRow = LedgerEntryOut;
/** What the matcher needs besides the rows: the city and its county names. */
export type LedgerMeta = Pick<
  LedgerCityOut,
  'cityCode' | 'cityName' | 'knownPlaces' | 'importedAt' | 'entryCount'
>;
/** A priority area (重点区域) of the stationed city. */
export type PriorityRow = PriorityAreaOut;

export interface StoredBlob {
  id: string;
  blob: Blob;
}

export interface KeyValue {
  key: string;
  value: unknown;
}

class FieldDb extends Dexie {
  kv!: EntityTable<KeyValue, 'key'>;
  sites!: EntityTable<CachedSite, 'id'>;
  divisions!: EntityTable<Division, 'code'>;
  records!: EntityTable<ServerRecord, 'id'>;
  outbox!: EntityTable<OutboxItem, 'seq'>;
  blobs!: EntityTable<StoredBlob, 'id'>;
  followups!: EntityTable<FollowUpTask, 'problemId'>;
  instructions!: EntityTable<CachedInstruction, 'id'>;
  dispatchTasks!: EntityTable<DispatchTask, 'id'>;
  alerts!: EntityTable<CachedAlert, 'id'>;
  ledger!: EntityTable<LedgerRow, 'id'>;
  priority!: EntityTable<PriorityRow, 'id'>;

  constructor() {
    super('ancha-field');
    this.version(1).stores({
      kv: 'key',
      sites: 'id, origin, creditCode',
      divisions: 'code',
      records: 'id, date',
      outbox: '++seq, &id, status, date, inspectionId',
      blobs: 'id',
    });
    this.version(2).stores({ followups: 'problemId, dueDate' });
    this.version(3).stores({
      instructions: 'id',
      dispatchTasks: 'id, dueDate',
      alerts: 'id',
      ledger: 'id',
      priority: 'id',
    });
  }
}

export const db = new FieldDb();

export async function getKv<T>(key: string): Promise<T | undefined> {
  return (await db.kv.get(key))?.value as T | undefined;
}

export function setKv(key: string, value: unknown): Promise<string> {
  return db.kv.put({ key, value });
}

/** Everything this phone holds, for logout: no record of a covert inspection stays behind. */
export async function wipeAll(): Promise<void> {
  const tables = [
    db.kv,
    db.sites,
    db.divisions,
    db.records,
    db.outbox,
    db.blobs,
    db.followups,
    db.instructions,
    db.dispatchTasks,
    db.alerts,
    db.ledger,
    db.priority,
  ];
  await db.transaction('rw', tables, async () => {
    await Promise.all([
      db.instructions.clear(),
      db.dispatchTasks.clear(),
      db.alerts.clear(),
      db.ledger.clear(),
      db.priority.clear(),
      db.followups.clear(),
      db.kv.clear(),
      db.sites.clear(),
      db.divisions.clear(),
      db.records.clear(),
      db.outbox.clear(),
      db.blobs.clear(),
    ]);
  });
}
