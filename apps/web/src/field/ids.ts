import { shanghaiClock, shanghaiShortDateTime } from './core.ts';

/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Ids are made on the phone
 * because records are created offline; time order keeps the server's indexes compact.
 */
export function uuidv7(now = Date.now()): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  let t = now;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');

/** An ISO 8601 instant with the phone's own offset (2020-10-20T09:30:00+08:00), as people read it. */
export function isoWithOffset(at: Date | number = new Date()): string {
  const d = new Date(at);
  const off = -d.getTimezoneOffset();
  const local = new Date(d.getTime() + off * 60_000).toISOString().slice(0, 19);
  return `${local}${off >= 0 ? '+' : '-'}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
}

/** "10-20 09:30" in Beijing time, whatever zone the phone is set to. */
export function shortTime(at: string | number): string {
  return shanghaiShortDateTime(at);
}

export function clockTime(at: string | number): string {
  return shanghaiClock(at);
}
