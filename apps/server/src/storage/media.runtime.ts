import { join } from 'node:path';
import type { RoleBinding } from '@ancha/core';
import type { AppContext } from '../context.ts';
import type { MediaObjectsTable } from '../db/schema.ts';
import { WorkQueue } from '../platform/workQueue.ts';
import { DiskMediaStore } from './disk.store.ts';
import type { MediaStore } from './media.store.ts';

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

/** The long-lived media parts of a running platform. */
export interface MediaRuntime {
  store: MediaStore;
  /** Thumbnails are made here, one at a time; `await thumbnails.idle()` waits for them. */
  thumbnails: WorkQueue;
  /** Every way stored bytes may be reached; modules add theirs at start. */
  readers: MediaReader[];
}

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
