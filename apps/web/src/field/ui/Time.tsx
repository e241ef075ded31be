import { shortTime } from '../ids.ts';

export function ShortTime({ at }: { at: string | number }) {
  return <time dateTime={new Date(at).toISOString()}>{shortTime(at)}</time>;
}
