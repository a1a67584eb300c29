import { randomBytes } from 'node:crypto';
import type { Logger } from '../logging/logger.ts';
import { PostgresNotifyChannel } from '../store/postgres-notify-channel.ts';
import type { TranscriptEvents } from './transcript-events.ts';

/** The PostgreSQL channel every server process on one database listens on for transcript notices. */
export const TRANSCRIPT_CHANNEL = 'answerdesk_transcript';

/**
 * Connects this process's transcript notices to every other process on the same PostgreSQL
 * database: each notice is published as `<process>:<conversation id>` (ids only, never activity
 * data, well below NOTIFY's 8 kB limit) and each one heard from another process wakes this
 * process's streams of that conversation, which read the new activities from the table. Our own
 * notices come back too and are ignored (their streams were told at once). After the listening
 * connection broke and came back, every open stream looks, since PostgreSQL does not replay.
 *
 * @returns the channel, to close at shutdown. Rejects when the first connection fails.
 */
export async function relayTranscriptEvents(
  events: TranscriptEvents,
  databaseUrl: string,
  logger: Logger,
): Promise<PostgresNotifyChannel> {
  const origin = randomBytes(6).toString('hex');
  const channel = new PostgresNotifyChannel(
    databaseUrl,
    TRANSCRIPT_CHANNEL,
    {
      onMessage: (payload) => {
        const separator = payload.indexOf(':');
        if (separator <= 0 || payload.slice(0, separator) === origin) return;
        const conversationId = payload.slice(separator + 1);
        if (conversationId !== '') events.deliver(conversationId);
      },
      onReconnect: () => events.deliverAll(),
    },
    logger,
  );
  await channel.start();
  events.relayTo((conversationId) => channel.publish(`${origin}:${conversationId}`));
  return channel;
}
