import { EventEmitter } from 'node:events';

/** Where this process's notices go so that other server processes hear them (PostgreSQL NOTIFY). */
export type TranscriptRelay = (conversationId: string) => void;

/**
 * Notice that a conversation's transcript grew, so open streams can fetch and push the new
 * activities at once. It carries no data: the database stays the only source of truth.
 *
 * In one process the notice is an event. With several processes on one PostgreSQL database,
 * `src/index.ts` also relays every notice to the others ({@link relayTo}) and hands what they
 * relay back to {@link deliver}; a stream in any process then hears an append in any other at
 * once. Streams also check the database periodically, which covers a notice lost in transit.
 */
export class TranscriptEvents {
  readonly #emitter = new EventEmitter().setMaxListeners(0);
  #relay: TranscriptRelay | undefined;

  /** Tells every subscriber of `conversationId`, in this process and (when relayed) in others. */
  notify(conversationId: string): void {
    this.#emitter.emit(conversationId);
    this.#relay?.(conversationId);
  }

  /** Sends every later {@link notify} to other processes too. */
  relayTo(relay: TranscriptRelay): void {
    this.#relay = relay;
  }

  /** A notice relayed from another process: tells this process's subscribers only. */
  deliver(conversationId: string): void {
    this.#emitter.emit(conversationId);
  }

  /** Tells every subscriber of every conversation to look (after relayed notices may have been lost). */
  deliverAll(): void {
    for (const name of this.#emitter.eventNames()) this.#emitter.emit(name);
  }

  /** Calls `listener` on every notice for `conversationId`; returns the unsubscribe function. */
  subscribe(conversationId: string, listener: () => void): () => void {
    this.#emitter.on(conversationId, listener);
    return () => {
      this.#emitter.off(conversationId, listener);
    };
  }

  /** How many listeners a conversation has (for tests and metrics). */
  listenerCount(conversationId: string): number {
    return this.#emitter.listenerCount(conversationId);
  }
}
