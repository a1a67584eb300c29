import type { Db } from '../store/database.ts';
import type { Notification, NotificationStatus } from './notification.ts';
import { NotificationRepository } from './notification.repository.ts';

/** Read access to the outbox for admins: what was delivered, what is waiting, what failed and why. */
export class NotificationService {
  private readonly outbox: NotificationRepository;

  constructor(db: Db) {
    this.outbox = new NotificationRepository(db);
  }

  /** Newest first. */
  list(status: NotificationStatus | undefined, page: { limit: number; offset: number }): Promise<{ items: Notification[]; total: number }> {
    return this.outbox.list(status, page.limit, page.offset);
  }
}
