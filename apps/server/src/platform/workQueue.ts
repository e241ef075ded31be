/**
 * A one-at-a-time background queue for derived images, kept off the request path: the
 * upload answers as soon as the original is safe, the thumbnail follows. Nothing here is
 * durable on purpose: the database knows which photos still lack a thumbnail, and the
 * server re-enqueues them at start, so a crash loses no work.
 */
export class WorkQueue {
  private pending: string[] = [];
  private queued = new Set<string>();
  private running: Promise<void> | null = null;
  private closed = false;

  /** Where failures go (the app's logger); a failed key is retried at the next start. */
  onError: (key: string, err: unknown) => void = () => {};

  constructor(private readonly work: (key: string) => Promise<void>) {}

  enqueue(key: string): void {
    if (this.closed || this.queued.has(key)) return;
    this.queued.add(key);
    this.pending.push(key);
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  get size(): number {
    return this.queued.size;
  }

  private async drain(): Promise<void> {
    // Let the response that enqueued us go out first.
    await new Promise((r) => setImmediate(r));
    for (let key = this.pending.shift(); key !== undefined && !this.closed; key = this.pending.shift()) {
      try {
        await this.work(key);
      } catch (err) {
        this.onError(key, err);
      } finally {
        this.queued.delete(key);
      }
    }
  }

  /** Resolves when nothing is queued or running (tests, orderly shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Finishes the job in hand and drops the rest: they are found again at the next start. */
  async close(): Promise<void> {
    this.closed = true;
    this.pending = [];
    await this.idle();
    this.queued.clear();
  }
}
