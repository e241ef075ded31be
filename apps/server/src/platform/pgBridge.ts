import type { AnyDomainEvent, TruncatedData } from '@ancha/core';
import pg from 'pg';
import type { EventBus } from './events.ts';

const CHANNEL = 'ancha_live';
// NOTIFY payloads are capped at 8000 bytes; larger events travel as a reference the client refetches.
const MAX_PAYLOAD = 7800;

/**
 * On PostgreSQL several server instances may run behind one address: events go through
 * NOTIFY so a phone's record reaches the command room whichever instance took it.
 * Returns a function that closes the listening connection.
 */
export async function bridgeBusOverPostgres(
  bus: EventBus,
  connectionString: string,
): Promise<() => Promise<void>> {
  const listener = new pg.Client({ connectionString });
  listener.on('error', (err) => console.error('live listener error:', err.message));
  await listener.connect();
  await listener.query(`listen ${CHANNEL}`);
  listener.on('notification', (msg) => {
    if (msg.channel !== CHANNEL || !msg.payload) return;
    try {
      bus.deliver(JSON.parse(msg.payload) as AnyDomainEvent);
    } catch {
      // A malformed payload is dropped; the live feed is a convenience, the database is the record.
    }
  });
  const pool = new pg.Pool({ connectionString, max: 2 });
  pool.on('error', (err) => console.error('live notify pool error:', err.message));
  bus.setTransport((ev) => {
    let payload = JSON.stringify(ev);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) {
      const id = (ev.data as { id?: string } | null)?.id ?? null;
      const data: TruncatedData = { id, truncated: true };
      payload = JSON.stringify({ ...ev, data });
    }
    pool
      .query('select pg_notify($1, $2)', [CHANNEL, payload])
      .catch((err) => console.error('live notify failed:', err.message));
  });
  return async () => {
    bus.setTransport(null);
    await listener.end().catch(() => {});
    await pool.end().catch(() => {});
  };
}
