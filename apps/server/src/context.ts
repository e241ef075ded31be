import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { DialectName } from './db/database.ts';
import type { DB } from './db/schema.ts';
import type { LiveBus } from './live/bus.ts';

/**
 * What services receive instead of reaching for globals: the database, the clock and the
 * configuration. Tests pass a fixed or moving clock to exercise deadlines and expiry.
 */
export interface AppContext {
  db: Kysely<DB>;
  dialect: DialectName;
  config: Config;
  now(): Date;
  live: LiveBus;
}

/** Who did something, for the audit log. `null` userId means the system itself. */
export interface Actor {
  userId: string | null;
  name: string;
  ip?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, name: 'system' };

export type Tx = Kysely<DB>;
