import { EventEmitter } from 'node:events';

/**
 * In-process notice that a conversation's transcript grew, so open streams can fetch and push
 * the new activities at once. It carries no data: the database stays the only source of truth,
 * and streams in other server processes catch up through their periodic check.
 */
export class TranscriptEvents {
  readonly #emitter = new EventEmitter().setMaxListeners(0);

  /** Tells every subscriber of `conversationId` that new activities are stored. */
  notify(conversationId: string): void {
    this.#emitter.emit(conversationId);
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
