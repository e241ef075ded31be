import { EventEmitter } from 'node:events';

/**
 * Event bus for the live feed. Events are published after the transaction that made them
 * commits. Each event names the group it belongs to, so the feed applies the subscriber's
 * scope before anything leaves the server. In-process by default; on PostgreSQL a transport
 * (pgBridge.ts) carries events between instances and delivers them back here.
 */
export interface LiveEvent {
  type: 'inspection.created' | 'evidence.added' | 'problem.changed' | (string & {});
  /** The group whose work this is; scope is decided on it. */
  groupId: string;
  campaignId: string;
  at: string;
  data: unknown;
  /** A bureau hears of an event only when it concerns a handover addressed to it. */
  bureau?: { divisionCode: string; cityCode: string };
  /** Other groups concerned (the group doing a follow-up of another round's finding). */
  extraGroupIds?: string[];
}

export class LiveBus {
  private emitter = new EventEmitter();
  private transport: ((ev: LiveEvent) => void) | null = null;
  constructor() {
    // One listener per open /live connection.
    this.emitter.setMaxListeners(0);
  }
  publish(ev: LiveEvent): void {
    this.emitter.emit('published', ev);
    if (this.transport) this.transport(ev);
    else this.deliver(ev);
  }
  /** Hands an event to this instance's subscribers. */
  deliver(ev: LiveEvent): void {
    this.emitter.emit('event', ev);
  }
  setTransport(t: ((ev: LiveEvent) => void) | null): void {
    this.transport = t;
  }
  /**
   * Events published by this instance only (not those arriving from others): for side
   * effects such as webhooks that must happen once across all instances.
   */
  onLocalPublish(fn: (ev: LiveEvent) => void): () => void {
    this.emitter.on('published', fn);
    return () => this.emitter.off('published', fn);
  }
  subscribe(fn: (ev: LiveEvent) => void): () => void {
    this.emitter.on('event', fn);
    return () => this.emitter.off('event', fn);
  }
}
