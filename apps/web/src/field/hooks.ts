import { liveQuery } from 'dexie';
import { useEffect, useState, useSyncExternalStore } from 'react';

/** The value of an IndexedDB query, re-read whenever the tables it touched change (any tab). */
export function useLive<T>(query: () => Promise<T>, deps: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const sub = liveQuery(query).subscribe({ next: setValue, error: (err) => console.error(err) });
    return () => sub.unsubscribe();
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what the query reads
  }, deps);
  return value;
}

function subscribeOnline(cb: () => void) {
  window.addEventListener('online', cb);
  window.addEventListener('offline', cb);
  return () => {
    window.removeEventListener('online', cb);
    window.removeEventListener('offline', cb);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}

/** A tiny observable value for things that change too often to write to IndexedDB (upload %). */
export function store<T>(initial: T) {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next: T) {
      value = next;
      for (const l of listeners) l();
    },
    subscribe(l: () => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

export function useStore<T>(s: ReturnType<typeof store<T>>): T {
  return useSyncExternalStore(s.subscribe, s.get);
}

export interface Fix {
  lat: number;
  lng: number;
  accuracy: number;
  at: number;
}

export type GeoState = { fix: Fix | null; error: string | null; waiting: boolean };

/**
 * Watches the phone's position while a screen is open. Recording never waits for it: an
 * indoor boiler room may have no fix at all, and the form says so instead of blocking.
 */
export function useGeolocation(): GeoState {
  const [state, setState] = useState<GeoState>({ fix: null, error: null, waiting: true });
  useEffect(() => {
    if (!('geolocation' in navigator)) {
      setState({ fix: null, error: '本机不支持定位', waiting: false });
      return;
    }
    const id = navigator.geolocation.watchPosition(
      (p) =>
        setState({
          fix: {
            lat: p.coords.latitude,
            lng: p.coords.longitude,
            accuracy: Math.round(p.coords.accuracy),
            at: p.timestamp,
          },
          error: null,
          waiting: false,
        }),
      (e) =>
        setState((s) => ({
          fix: s.fix,
          error: e.code === e.PERMISSION_DENIED ? '未获定位权限' : '暂未取得定位',
          waiting: false,
        })),
      { enableHighAccuracy: true, maximumAge: 30_000, timeout: 60_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, []);
  return state;
}

function subscribeHash(cb: () => void) {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

/** The screen is the URL hash (#/new, #/records), so the phone's back button works. */
export function useRoute(): string {
  return useSyncExternalStore(subscribeHash, () => window.location.hash.replace(/^#/, '') || '/');
}

export function go(route: string, replace = false): void {
  const url = `${window.location.pathname}#${route}`;
  if (replace) {
    window.history.replaceState(null, '', url);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = route;
  }
}
