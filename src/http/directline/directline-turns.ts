import type { DirectLineBridge } from '../../bot/directline-bridge.ts';
import type { ClientActivity } from '../../directline/client-activity.ts';
import type { DirectLineService, OwedTurn } from '../../directline/directline.service.ts';
import type { DirectLineActivity } from '../../directline/directline-activity.ts';
import type { TokenClaims } from '../../directline/directline-tokens.ts';
import type { Logger } from '../../logging/logger.ts';
import type { InFlight } from '../in-flight.ts';

/** The outcome of a client's post: the id of the stored activity (new or from the first post). */
export type PostOutcome = { readonly kind: 'ok'; readonly id: string } | { readonly kind: 'not-found' };

/**
 * Runs the bot's Direct Line turns so that every stored customer activity gets exactly one, and
 * records each finished turn in the transcript (`turn_done_at`), so that a restart can run the
 * turns a crash interrupted ({@link recover}).
 *
 * Guarantee after a crash: at most one visible answer. A turn that had already stored a reply
 * when the process died is only marked done, never run again (its remaining replies, if it had
 * several, are lost); a turn that had stored none runs again from the last saved dialog state.
 */
export class DirectLineTurns {
  /** Posts being handled in this process, by conversation and client activity id. */
  readonly #posting = new Map<string, Promise<PostOutcome>>();
  /** The last turn queued in each conversation: a conversation's turns run one after another. */
  readonly #queued = new Map<string, Promise<void>>();

  constructor(
    private readonly service: DirectLineService,
    private readonly bridge: Pick<DirectLineBridge, 'runTurn'>,
    private readonly inFlight: InFlight,
    private readonly logger: Logger,
  ) {}

  /**
   * Stores a client's activity and runs its turn; resolves once the turn has finished. A retry
   * (same client activity id) stores and runs nothing: it resolves with the first post's id, after
   * that post's turn when it is still running in this process.
   */
  post(claims: TokenClaims, client: ClientActivity): Promise<PostOutcome> {
    const key =
      client.clientActivityId === undefined ? undefined : `${claims.conversationId}\u0000${client.clientActivityId}`;
    const running = key === undefined ? undefined : this.#posting.get(key);
    if (running !== undefined) return running;
    const work = this.inFlight.track(this.#store(claims, client));
    if (key !== undefined) {
      this.#posting.set(key, work);
      const forget = (): void => {
        this.#posting.delete(key);
      };
      work.then(forget, forget);
    }
    return work;
  }

  /** Runs the greeting turn of a conversation that was just started. */
  async start(conversationUpdate: DirectLineActivity): Promise<void> {
    await this.inFlight.track(this.#run({ kind: 'start', activity: conversationUpdate }));
  }

  /**
   * Runs every turn the bot owes (greetings and customer activities a crash interrupted), in seq
   * order within each conversation. Call before the public server listens, so no new post can
   * overtake an older one. Safe to be interrupted: what it has not marked done, the next start
   * runs. A database failure rejects (the server should not start on a database it cannot write).
   */
  async recover(): Promise<{ ran: number; alreadyAnswered: number }> {
    let ran = 0;
    let alreadyAnswered = 0;
    for (let owed = await this.service.owedTurns(); owed.length > 0; owed = await this.service.owedTurns()) {
      for (const turn of owed) {
        if (await this.service.hasReply(turn)) {
          alreadyAnswered += 1;
          await this.service.turnDone(turn);
        } else {
          await this.bridge.runTurn(turn.activity, () => this.service.turnDone(turn));
          ran += 1;
        }
      }
    }
    if (ran + alreadyAnswered > 0)
      this.logger.warn({ ran, alreadyAnswered }, 'Direct Line: ran the turns a previous process left unfinished');
    return { ran, alreadyAnswered };
  }

  async #store(claims: TokenClaims, client: ClientActivity): Promise<PostOutcome> {
    const posted = await this.service.postFromUser(claims, client);
    switch (posted.kind) {
      case 'not-found':
        return posted;
      case 'duplicate':
        // Not done and not running here: another process has it, or a restart will run it.
        return { kind: 'ok', id: posted.activity.id };
      case 'stored':
        await this.#run({ kind: 'activity', activity: posted.activity });
        return { kind: 'ok', id: posted.activity.id };
    }
  }

  /**
   * Runs one turn and marks it done (in the turn's transaction when it has one); never rejects
   * (the bridge only rejects when marking fails, and that is logged).
   */
  #run(turn: OwedTurn): Promise<void> {
    // A customer who sends twice before the first answer gets the answers in order, and the second
    // turn reads the bot state the first one wrote: its reads happen before its transaction begins,
    // so two turns of one conversation at once would otherwise conflict on the state's eTag.
    const conversationId = turn.activity.conversation.id;
    const previous = this.#queued.get(conversationId) ?? Promise.resolve();
    const mine = previous.then(() => this.#runNow(turn));
    this.#queued.set(conversationId, mine);
    void mine.then(() => {
      if (this.#queued.get(conversationId) === mine) this.#queued.delete(conversationId);
    });
    return mine;
  }

  async #runNow(turn: OwedTurn): Promise<void> {
    try {
      await this.bridge.runTurn(turn.activity, () => this.service.turnDone(turn));
    } catch (error) {
      // The turn happened; the next start sees its reply (or, if it had none, runs it again).
      this.logger.error(
        { err: error, conversationId: turn.activity.conversation.id, activityId: turn.activity.id },
        'could not mark a Direct Line turn done',
      );
    }
  }
}
