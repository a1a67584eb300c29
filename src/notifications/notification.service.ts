import type { NotificationRepository } from './notification.repository.ts';
import type { Notification, NotificationStatus, RedeliverySelection } from './notification.ts';

/** The outbox for admins: what was delivered, what is waiting, what failed and why; and delivering failed ones again. */
export class NotificationService {
  /** @param onRequeued called after notifications were put back to pending (the webhook worker's `notify`). */
  constructor(
    private readonly outbox: NotificationRepository,
    private readonly onRequeued: () => void = () => {},
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Puts failed notifications back to pending with their attempts reset, so the webhook worker
   * delivers them again (with the same idempotency key), and returns the ids requeued. Ids that
   * are not `failed` are left alone.
   */
  async redeliver(selection: RedeliverySelection): Promise<number[]> {
    const ids = await this.outbox.requeueFailed(selection, this.clock().toISOString());
    if (ids.length > 0) this.onRequeued();
    return ids;
  }

  /** Newest first. */
  list(
    status: NotificationStatus | undefined,
    page: { limit: number; offset: number },
  ): Promise<{ items: Notification[]; total: number }> {
    return this.outbox.list(status, page.limit, page.offset);
  }
}
