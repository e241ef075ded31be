import { EventEmitter } from 'node:events';

/**
 * In-process event bus for the live feed. Events are published after the transaction that
 * made them commits. Each event names the group it belongs to, so the feed can apply the
 * subscriber's scope before anything leaves the server.
 */
export interface LiveEvent {
  type: 'inspection.created' | 'evidence.added' | (string & {});
  /** The group whose work this is; scope is decided on it. */
  groupId: string;
  campaignId: string;
  at: string;
  data: unknown;
}

export class LiveBus {
  private emitter = new EventEmitter();
  constructor() {
    // One listener per open /live connection.
    this.emitter.setMaxListeners(0);
  }
  publish(ev: LiveEvent): void {
    this.emitter.emit('event', ev);
  }
  subscribe(fn: (ev: LiveEvent) => void): () => void {
    this.emitter.on('event', fn);
    return () => this.emitter.off('event', fn);
  }
}
