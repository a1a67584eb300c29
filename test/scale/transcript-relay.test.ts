import { sql } from 'kysely';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { relayTranscriptEvents, TRANSCRIPT_CHANNEL } from '../../src/directline/relay-transcript-events.ts';
import { TranscriptEvents } from '../../src/directline/transcript-events.ts';
import type { PostgresNotifyChannel } from '../../src/store/postgres-notify-channel.ts';
import { freshDatabase } from '../helpers/test-database.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

const silent = pino({ level: 'silent' });

/** Resolves with how many ms it took until `condition` held (checked every ms), or rejects after `timeoutMs`. */
async function within(condition: () => boolean, timeoutMs: number): Promise<number> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 1));
  }
  return performance.now() - start;
}

/**
 * Transcript notices between server processes over PostgreSQL LISTEN/NOTIFY, each "process" being
 * its own TranscriptEvents with its own listening connection to one database.
 */
describe.skipIf(!ON_POSTGRES)('transcript notices across processes (PostgreSQL LISTEN/NOTIFY)', () => {
  let ctx: Awaited<ReturnType<typeof freshDatabase>>;
  const channels: PostgresNotifyChannel[] = [];

  beforeEach(async () => {
    ctx = await freshDatabase();
  });
  afterEach(async () => {
    await Promise.all(channels.splice(0).map((c) => c.close()));
    await ctx.cleanup();
  });

  async function process(): Promise<TranscriptEvents> {
    const events = new TranscriptEvents();
    channels.push(await relayTranscriptEvents(events, ctx.file, silent));
    return events;
  }

  it("wakes another process's stream of that conversation at once, and only that conversation", async () => {
    const [a, b] = [await process(), await process()];
    const heard: string[] = [];
    b.subscribe('conv-1', () => heard.push('b:conv-1'));
    b.subscribe('conv-2', () => heard.push('b:conv-2'));
    a.subscribe('conv-1', () => heard.push('a:conv-1'));
    a.notify('conv-1');
    // The process's own stream hears it synchronously, once (its echo from PostgreSQL is ignored).
    expect(heard).toEqual(['a:conv-1']);
    const ms = await within(() => heard.includes('b:conv-1'), 2_000);
    expect(ms).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 100));
    expect(heard.sort()).toEqual(['a:conv-1', 'b:conv-1']);
  });

  it('carries only ids: a conversation id with odd characters arrives intact', async () => {
    const [a, b] = [await process(), await process()];
    const id = 'x:y\'z"; drop table messages; --|é';
    let heard = 0;
    b.subscribe(id, () => (heard += 1));
    a.notify(id);
    await within(() => heard === 1, 2_000);
  });

  it('after its listening connection is killed, reconnects and tells every open stream to catch up from the table', async () => {
    const [a, b] = [await process(), await process()];
    let woken = 0;
    b.subscribe('conv-1', () => (woken += 1));
    // Kill the listening connections (as a PostgreSQL restart or a network cut would).
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where pid <> pg_backend_pid() and query like ${`listen ${TRANSCRIPT_CHANNEL}%`}`.execute(ctx.db);
    await within(() => channels[1]?.listening === false, 5_000);
    // What a publishes meanwhile may be lost; on reconnect b's streams look anyway.
    a.notify('conv-1');
    await within(() => woken >= 1 && channels[1]?.listening === true, 10_000);
    // And, once both listen again, it hears new notices.
    await within(() => channels[0]?.listening === true, 10_000);
    const before = woken;
    a.notify('conv-1');
    await within(() => woken > before, 2_000);
  });
});
