import { type Command, Option } from 'commander';
import { loadConfig } from '../config/config.ts';
import { NotificationRepository } from '../notifications/notification.repository.ts';
import { NotificationService } from '../notifications/notification.service.ts';
import {
  NOTIFICATION_STATUSES,
  type Notification,
  type NotificationStatus,
  type RedeliverySelection,
} from '../notifications/notification.ts';
import { ValidationError } from '../shared/app.error.ts';
import { openDatabase } from '../store/database.ts';
import { textTable } from './text-table.ts';

/** Runs `work` with the notification service on the configured database, and always closes it. */
async function withNotifications<T>(work: (notifications: NotificationService) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const db = await openDatabase(config.databasePath);
  try {
    return await work(new NotificationService(new NotificationRepository(db)));
  } finally {
    await db.destroy();
  }
}

function table(items: readonly Notification[]): string {
  const rows = [
    ['ID', 'TICKET', 'EVENT', 'STATUS', 'ATTEMPTS', 'CREATED', 'LAST ERROR'],
    ...items.map((n) => [
      String(n.id),
      n.payload.ticket.reference,
      n.event,
      n.status,
      String(n.attempts),
      n.createdAt,
      oneLine(n.lastError ?? '-'),
    ]),
  ];
  return textTable(rows);
}

/** The webhook's answer may hold anything: one line, printable, short. */
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips.
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  return clean.length > 120 ? `${clean.slice(0, 119)}…` : clean;
}

function parseIds(raw: readonly string[]): number[] {
  const wrong = raw.filter((id) => !/^[1-9]\d{0,15}$/.test(id));
  if (wrong.length > 0)
    throw new ValidationError(
      'Invalid notification ids',
      wrong.map((id) => `"${oneLine(id).slice(0, 40)}" is not a notification id (a whole number ≥ 1)`),
    );
  return raw.map(Number);
}

/**
 * `answerdesk notifications list|redeliver`: the agent-webhook outbox on the configured database.
 * `redeliver` puts failed notifications back to pending with their attempts reset; the running
 * server's webhook worker delivers them at its next poll (WEBHOOK_POLL_INTERVAL_MS).
 */
export function registerNotificationsCommand(program: Command): void {
  const notifications = program
    .command('notifications')
    .description('Agent webhook notifications: list them, deliver failed ones again');

  notifications
    .command('list')
    .description('List notifications, newest first, with attempts and the last error')
    .addOption(new Option('--status <status>', 'only this status').choices(NOTIFICATION_STATUSES))
    .option('--limit <n>', 'at most this many (1-1000)', '50')
    .action(async (options: { status?: NotificationStatus; limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new ValidationError('Invalid option', ['--limit: a whole number from 1 to 1000']);
      await withNotifications(async (service) => {
        const { items, total } = await service.list(options.status, { limit, offset: 0 });
        if (items.length === 0) {
          process.stdout.write(`No ${options.status ?? ''}${options.status === undefined ? '' : ' '}notifications.\n`);
          return;
        }
        process.stdout.write(
          `${table(items)}\n${total > items.length ? `(${items.length} of ${total}; use --limit for more)\n` : ''}`,
        );
      });
    });

  notifications
    .command('redeliver')
    .description('Put failed notifications back to pending (attempts reset) so the server delivers them again')
    .argument('[ids...]', 'ids of failed notifications (see `notifications list --status failed`)')
    .option('--all-failed', 'every failed notification')
    .option(
      '--since <iso-time>',
      'with --all-failed: only those created at or after this time, e.g. 2025-01-31T00:00:00Z',
    )
    .addHelpText(
      'after',
      '\nThe running server delivers requeued notifications at its next poll (WEBHOOK_POLL_INTERVAL_MS).',
    )
    .action(async (rawIds: string[], options: { allFailed?: boolean; since?: string }) => {
      const selection = redeliverySelection(rawIds, options);
      await withNotifications(async (service) => {
        const ids = await service.redeliver(selection);
        process.stdout.write(
          ids.length === 0
            ? 'No failed notifications matched; nothing to redeliver.\n'
            : `Requeued ${ids.length} notification${ids.length === 1 ? '' : 's'} (${ids.join(', ')}); the server delivers them at its next poll.\n`,
        );
      });
    });
}

function redeliverySelection(
  rawIds: readonly string[],
  options: { allFailed?: boolean; since?: string },
): RedeliverySelection {
  if (options.allFailed === true) {
    if (rawIds.length > 0)
      throw new ValidationError('Invalid arguments', ['give either ids or --all-failed, not both']);
    if (options.since === undefined) return { kind: 'all-failed' };
    if (Number.isNaN(Date.parse(options.since)))
      throw new ValidationError('Invalid option', ['--since: an ISO date-time such as 2025-01-31T00:00:00Z']);
    return { kind: 'all-failed', since: new Date(options.since).toISOString() };
  }
  if (options.since !== undefined)
    throw new ValidationError('Invalid option', ['--since: only goes with --all-failed']);
  if (rawIds.length === 0)
    throw new ValidationError('Invalid arguments', ['name the notification ids to redeliver, or use --all-failed']);
  return { kind: 'ids', ids: parseIds(rawIds) };
}
