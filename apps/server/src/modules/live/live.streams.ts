import type { RoleBinding } from '@ancha/core';
import type { AppContext } from '../../context.ts';
import { watchedSessions } from '../auth/auth.service.ts';

/** One open GET /live connection, bound to the session that opened it. */
export interface OpenStream {
  sessionId: string;
  /** The roles the stream filters by; a different set later means a different scope. */
  roles: RoleBinding[];
  /** When the session ends unless a request keeps it alive (ms since the epoch, platform clock). */
  endsAt: number;
  end(): void;
}

/** The same bindings in any order: the scope a stream was opened with. */
function scopeKey(roles: readonly RoleBinding[]): string {
  return roles
    .map((r) => `${r.role}|${r.groupId ?? ''}|${r.divisionCode ?? ''}`)
    .sort()
    .join(';');
}

/**
 * Keeps every open stream tied to its session. A stream ends
 * - at once when its session is ended through the platform (logout; a user's password, roles
 *   or access changed): the `sessions.ended` event, which reaches every instance;
 * - before it would write an event past its session's deadline (idle timeout, absolute lifetime),
 *   unless the database says requests kept the session alive meanwhile;
 * - at the next periodic re-check (ANCHA_LIVE_RECHECK_SECONDS) when the session is gone or its
 *   roles differ from those the stream filters by — e.g. a user disabled directly in the database.
 * A stream is not activity: only requests keep a session alive, so an unattended screen signs
 * out after the idle timeout like any other.
 */
export class LiveStreams {
  private readonly open = new Set<OpenStream>();
  /** Events waiting, in order, for a stream's session to be confirmed. */
  private readonly backlog = new Map<OpenStream, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private checking = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ctx: AppContext,
    private readonly onError: (err: unknown) => void,
  ) {
    this.unsubscribe = ctx.events.subscribe((ev) => {
      if (ev.type === 'sessions.ended') this.endSessions(ev.data.sessionIds);
    });
  }

  /** Registers a stream whose session is live now, with the same roles; null when it is not. */
  async add(stream: Omit<OpenStream, 'endsAt'>): Promise<OpenStream | null> {
    const watched = (await watchedSessions(this.ctx, [stream.sessionId])).get(stream.sessionId);
    if (!watched || scopeKey(watched.roles) !== scopeKey(stream.roles)) return null;
    const s: OpenStream = { ...stream, endsAt: watched.endsAt };
    this.open.add(s);
    this.timer ??= setInterval(() => void this.recheck(), this.ctx.config.liveRecheckSeconds * 1000).unref();
    return s;
  }

  remove(stream: OpenStream): void {
    this.open.delete(stream);
    this.backlog.delete(stream);
    if (this.open.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /**
   * Writes an event to a stream if its session is still live. Within the deadline known from
   * the last check it writes at once; past it (requests elsewhere may have kept the session
   * alive) it asks the database first, keeping this and later events in order meanwhile.
   */
  deliver(stream: OpenStream, write: () => void): void {
    const backlog = this.backlog.get(stream);
    if (!backlog && this.ctx.now().getTime() < stream.endsAt) {
      write();
      return;
    }
    const next = (backlog ?? Promise.resolve()).then(async () => {
      if (!this.open.has(stream)) return;
      if (this.ctx.now().getTime() >= stream.endsAt) await this.refresh(stream);
      if (this.open.has(stream)) write();
    });
    this.backlog.set(stream, next);
    void next.finally(() => {
      if (this.backlog.get(stream) === next) this.backlog.delete(stream);
    });
  }

  private async refresh(stream: OpenStream): Promise<void> {
    try {
      const w = (await watchedSessions(this.ctx, [stream.sessionId])).get(stream.sessionId);
      if (!w || scopeKey(w.roles) !== scopeKey(stream.roles)) this.finish(stream);
      else stream.endsAt = w.endsAt;
    } catch (err) {
      // Past its deadline and unconfirmed: the stream ends (the client reconnects and is checked).
      this.onError(err);
      this.finish(stream);
    }
  }

  /** Looks at every open stream's session at once; ends those that are over or re-scoped. */
  async recheck(): Promise<void> {
    if (this.checking || this.open.size === 0) return;
    this.checking = true;
    try {
      const streams = [...this.open];
      const watched = await watchedSessions(this.ctx, [...new Set(streams.map((s) => s.sessionId))]);
      for (const s of streams) {
        const w = watched.get(s.sessionId);
        if (!w || scopeKey(w.roles) !== scopeKey(s.roles)) this.finish(s);
        else s.endsAt = w.endsAt;
      }
    } catch (err) {
      // The database is unreachable: nothing new is written either. Deadlines still hold.
      this.onError(err);
    } finally {
      this.checking = false;
    }
  }

  endSessions(sessionIds: readonly string[]): void {
    const ended = new Set(sessionIds);
    for (const s of [...this.open]) if (ended.has(s.sessionId)) this.finish(s);
  }

  /** Ends every stream (server shutdown). */
  close(): void {
    this.unsubscribe();
    for (const s of [...this.open]) this.finish(s);
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private finish(s: OpenStream): void {
    if (!this.open.has(s)) return;
    this.remove(s);
    s.end();
  }
}
