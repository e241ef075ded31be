import { get, HttpError } from './api.ts';
import type { PhoneDailyWarningOut } from './core.ts';
import { getKv, setKv } from './db.ts';

// The 19:00 warning on the phone: what today's daily package still lacks, fetched with the
// phone's normal refresh and kept with the server's as-of time, so it can be read with no
// signal and the reader knows how old it is.

const KEY = 'dailyWarning';

export type DailyWarning = PhoneDailyWarningOut;

export async function refreshDailyWarning(): Promise<void> {
  try {
    await setKv(KEY, await get<DailyWarning>('/me/daily-package-warning'));
  } catch (err) {
    // A role the server does not tell (403) has nothing to show; anything else keeps the last copy.
    if (err instanceof HttpError && err.status === 403) await setKv(KEY, null);
    else throw err;
  }
}

export function cachedDailyWarning(): Promise<DailyWarning | null | undefined> {
  return getKv<DailyWarning | null>(KEY);
}
