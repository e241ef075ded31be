import { join } from 'node:path';
import type { MediaRuntime } from '../context.ts';
import { WorkQueue } from '../platform/workQueue.ts';
import { DiskMediaStore } from './disk.store.ts';
import type { MediaStore } from './media.store.ts';

/**
 * The disk store under `${dataDir}/media` and a thumbnail queue running `makeThumbnail`
 * (the media module's, handed in by the platform so storage imports no module).
 */
export function createMediaRuntime(
  dataDir: string,
  makeThumbnail: (store: MediaStore, sha256: string) => Promise<void>,
): MediaRuntime {
  const store = new DiskMediaStore(join(dataDir, 'media'));
  return { store, thumbnails: new WorkQueue((sha) => makeThumbnail(store, sha)), readers: [] };
}
