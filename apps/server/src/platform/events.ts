import { EventEmitter } from 'node:events';
import type { AnyDomainEvent, EventType } from '@ancha/core';

type Handler<T extends EventType> = (ev: Extract<AnyDomainEvent, { type: T }>) => void;

/**
 * The bus that carries core's typed domain events. Events are published after the
 * transaction that made them commits. In-process by default; on PostgreSQL a transport
 * (pgBridge.ts) carries them between instances and delivers them back here.
 */
export class EventBus {
  private emitter = new EventEmitter();
  private transport: ((ev: AnyDomainEvent) => void) | null = null;
  constructor() {
    // One listener per open /live connection.
    this.emitter.setMaxListeners(0);
  }

  publish(ev: AnyDomainEvent): void {
    this.emitter.emit('published', ev);
    if (this.transport) this.transport(ev);
    else this.deliver(ev);
  }

  /** Hands an event to this instance's subscribers. */
  deliver(ev: AnyDomainEvent): void {
    this.emitter.emit('event', ev);
  }

  setTransport(t: ((ev: AnyDomainEvent) => void) | null): void {
    this.transport = t;
  }

  /** Every event, from any instance (the live feed). */
  subscribe(fn: (ev: AnyDomainEvent) => void): () => void {
    this.emitter.on('event', fn);
    return () => this.emitter.off('event', fn);
  }

  /**
   * Events of one type published by THIS instance only (not those arriving from others):
   * for side effects that must happen once across all instances (the robot, mail kicks).
   */
  onLocal<T extends EventType>(type: T, fn: Handler<T>): () => void {
    const listener = (ev: AnyDomainEvent) => {
      if (ev.type === type) fn(ev as Extract<AnyDomainEvent, { type: T }>);
    };
    this.emitter.on('published', listener);
    return () => this.emitter.off('published', listener);
  }
}
