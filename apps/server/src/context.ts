import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { DialectName } from './db/database.ts';
import type { DB } from './db/schema.ts';
import type { DocumentRegistry } from './platform/documents.ts';
import type { EventBus } from './platform/events.ts';
import type { TaskKindRegistry } from './platform/taskKinds.ts';
import type { MediaRuntime } from './storage/media.runtime.ts';

export type Tx = Kysely<DB>;

/** Background work other modules may ask for without importing the module that does it. */
export interface JobRunner {
  /** Runs a job's work soon, outside its schedule (mail after a handover); coalesced per job. */
  kick(name: string): void;
}

/**
 * What every service receives instead of reaching for globals: the database (or the open
 * transaction), the clock, the configuration, the event bus, the media store, the document
 * renderers and the job runner. Tests pass a fixed or moving clock to exercise deadlines.
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
