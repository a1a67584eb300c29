import type { LiveHandoffService } from '../handoff/live-handoff.service.ts';
import type { Logger } from '../logging/logger.ts';
import type { LiveChat } from './live-chat.ts';

/**
 * Fails handoffs that nobody claimed within the configured time and tells those customers to
 * expect an email reply (`handoff.status: failed`). Checks a few times per timeout period.
 */
export class HandoffTimeoutWorker {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(
    private readonly handoffs: LiveHandoffService,
    private readonly liveChat: Pick<LiveChat, 'failed'>,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    const every = Math.max(1_000, Math.min(30_000, Math.floor(this.timeoutMs / 4)));
    this.#timer = setInterval(() => {
      this.#running ??= this.sweep()
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => {
          this.#running = undefined;
        });
    }, every);
    this.#timer.unref();
  }

  /** One pass: fails overdue handoffs and notifies their conversations. */
  async sweep(): Promise<number> {
    try {
      const failed = await this.handoffs.failOverdue(this.timeoutMs);
      for (const handoff of failed) {
        try {
          await this.liveChat.failed(handoff.conversationId);
        } catch (error) {
          this.logger.error(
            { err: error, conversationId: handoff.conversationId },
            'could not tell the customer the handoff failed',
          );
        }
      }
      if (failed.length > 0)
        this.logger.warn({ tickets: failed.map((h) => h.ticketId) }, 'handoff timed out: nobody claimed in time');
      return failed.length;
    } catch (error) {
      this.logger.error({ err: error }, 'handoff timeout sweep failed');
      return 0;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }
}
