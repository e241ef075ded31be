import type { RoleBinding, TaskKind, TaskOut } from '@ancha/core';
import type { Kysely } from 'kysely';
import type { VerificationStamp } from './builders/docxKit.ts';
import type { Config } from './config.ts';
import type { DialectName } from './db/database.ts';
import type { DB, GroupTasksTable, MediaObjectsTable } from './db/schema.ts';
import type { EventBus } from './platform/events.ts';
import type { WorkQueue } from './platform/workQueue.ts';
import type { MediaStore } from './storage/media.store.ts';

export type Tx = Kysely<DB>;

/**
 * What every service receives instead of reaching for globals: the database (or the open
 * transaction), the clock, the configuration, the event bus, the media store, the document
 * renderers, the task kinds and the job runner. Tests pass a fixed or moving clock to exercise
 * deadlines. The registries are described here as ports; platform/ implements them, modules
 * fill them at start (modules/index.ts).
 */
export interface AppContext {
  readonly db: Tx;
  readonly dialect: DialectName;
  readonly config: Config;
  now(): Date;
  readonly events: EventBus;
  readonly media: MediaRuntime;
  readonly documents: DocumentRegistry;
  readonly taskKinds: TaskKindRegistry;
  readonly jobs: JobRunner;
  /** The same context with every query inside `tx`: services called inside a write use it. */
  withTx(tx: Tx): AppContext;
}

/** Who did something, for the audit log. `null` userId means the system itself. */
export interface Actor {
  userId: string | null;
  name: string;
  ip?: string | null;
}

/** Work done by the platform itself (jobs, the mail sender): recorded as `system`. */
export const SYSTEM_ACTOR: Actor = { userId: null, name: 'system' };

export function contextWith(ctx: Omit<AppContext, 'withTx'>): AppContext {
  const self: AppContext = { ...ctx, withTx: (tx) => contextWith({ ...self, db: tx }) };
  return self;
}

// ── ports ──────────────────────────────────────────────────────────────────────────────────

/** Background work other modules may ask for without importing the module that does it. */
export interface JobRunner {
  /** Runs a job's work soon, outside its schedule (mail after a handover); coalesced per job. */
  kick(name: string): void;
}

/** A generated file: its download name, bytes and type. */
export interface RenderedDocument {
  filename: string;
  buffer: Buffer;
  contentType: string;
}

/** A rendered copy with what its verification shows besides the hash. */
export interface IssuedDocument extends RenderedDocument {
  title: string;
  number?: string | null;
  issuer: string;
}

/**
 * Renders one kind of document for a reference (a handover, a typical case, a group's day)
 * as the system, printing the stamp (verification code and QR) of the copy being issued. Who
 * may download what is the owning module's decision, taken before it asks for a copy.
 */
export type DocumentRenderer = (
  ctx: AppContext,
  refId: string,
  stamp: VerificationStamp,
) => Promise<IssuedDocument>;

/** Document kinds by name (platform/documents.ts). */
export interface DocumentRegistry {
  register(kind: string, render: DocumentRenderer): void;
  has(kind: string): boolean;
  renderer(kind: string): DocumentRenderer;
}

/** What a kind adds to its tasks in a list: the line to show and the kind's own detail. */
export type TaskDescription = Pick<TaskOut, 'title'> &
  Partial<Pick<TaskOut, 'followUp' | 'checklist' | 'clue'>>;

/** The inspection offered to close a task, with what the recording group said about it. */
export interface TaskClosingInspection {
  id: string;
  groupId: string;
  campaignId: string;
  siteId: string;
  outcome: import('@ancha/core').Outcome;
  /** The stationed city of the recording group. */
  stationedCityCode: string;
  verification: { result: string; feedback: string } | null;
  by: string;
}

/**
 * Closes a task of one kind through an inspection, inside the inspection's write: checks the
 * kind's own rule (throws a 4xx AppError when it does not close) and returns the task's result.
 */
export type TaskCloser = (
  ctx: AppContext,
  task: GroupTasksTable,
  inspection: TaskClosingInspection,
) => Promise<unknown>;

/** Describes a page of tasks of one kind with a fixed number of queries (registered by the kind's owner). */
export type TaskDescriber = (
  ctx: AppContext,
  tasks: GroupTasksTable[],
) => Promise<Map<string, TaskDescription>>;

/** Task kinds and their describers (platform/taskKinds.ts). */
export interface TaskKindRegistry {
  register(kind: TaskKind, describe: TaskDescriber, close?: TaskCloser): void;
  /** The kind's closer; undefined for kinds not closed by citing the task in an inspection. */
  closer(kind: TaskKind): TaskCloser | undefined;
  describe(ctx: AppContext, tasks: GroupTasksTable[]): Promise<Map<string, TaskDescription>>;
}

/**
 * Decides whether a caller may read stored bytes through one path (an inspection's evidence
 * in their field scope, a problem handed to their bureau, …). A stored object is readable
 * when any registered reader finds it; each reader applies its own scope in its query.
 */
export type MediaReader = (
  ctx: AppContext,
  sha256: string,
  roles: readonly RoleBinding[],
) => Promise<MediaObjectsTable | undefined>;

/** The long-lived media parts of a running platform (storage/media.runtime.ts). */
export interface MediaRuntime {
  store: MediaStore;
  /** Thumbnails are made here, one at a time; `await thumbnails.idle()` waits for them. */
  thumbnails: WorkQueue;
  /** Every way stored bytes may be reached; modules add theirs at start. */
  readers: MediaReader[];
}
