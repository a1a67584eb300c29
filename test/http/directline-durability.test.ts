import path from 'node:path';
import { Kysely, Migrator, sql } from 'kysely';
import sqlite3 from 'sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DirectLineRepository } from '../../src/directline/directline.repository.ts';
import { activityId } from '../../src/directline/directline-activity.ts';
import { migrateToLatest, openDatabase } from '../../src/store/database.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import type { Database } from '../../src/store/schema.ts';
import { Sqlite3Dialect } from '../../src/store/sqlite3-dialect.ts';
import {
  type ActivitySet,
  directLine,
  generateToken,
  postActivity,
  startConversation,
  type WireActivity,
} from '../helpers/directline.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { writeSmallKnowledge } from '../helpers/small-knowledge.ts';
import { makeTempDir, testDatabaseUrl } from '../helpers/test-config.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

/** What one uninterrupted turn answers to "question about <entry>". */
function turnFor(entry: string): string[] {
  return [`Answer about ${entry}.`, 'Text for didThisHelp.'];
}

async function transcript(
  base: string,
  conversation: { conversationId: string; token: string },
): Promise<WireActivity[]> {
  const res = await directLine(
    base,
    'GET',
    `/conversations/${conversation.conversationId}/activities`,
    conversation.token,
  );
  expect(res.status).toBe(200);
  return (res.body as ActivitySet).activities;
}

function repliesTo(activities: WireActivity[], id: string): Array<string | undefined> {
  return activities.filter((a) => a.from.role === 'bot' && a.replyToId === id).map((a) => a.text);
}

/** A customer's message as the server stores it, for writing "crashed" transcripts directly. */
function customerMessage(conversationId: string, seq: number, text: string, userId: string): string {
  return JSON.stringify({
    type: 'message',
    text,
    id: activityId(conversationId, seq),
    timestamp: new Date().toISOString(),
    channelId: 'directline',
    conversation: { id: conversationId },
    from: { id: userId, role: 'user' },
    recipient: { id: 'answerdesk-bot', name: 'Support', role: 'bot' },
  });
}

/** A folder with the small knowledge base and a database (file path or URL), shared by the servers of one test. */
function workspace(): { env: Record<string, string>; file: string; ready: Promise<void>; cleanup: () => void } {
  const { dir, cleanup } = makeTempDir();
  // On PostgreSQL, the folder's own database: `file` is then its URL.
  const file = ON_POSTGRES ? testDatabaseUrl(dir) : path.join(dir, 'answerdesk.sqlite');
  const knowledge = path.join(dir, 'knowledge');
  return {
    env: { DATABASE_URL: ON_POSTGRES ? file : `file:${file}`, KNOWLEDGE_DIR: knowledge },
    file,
    ready: writeSmallKnowledge(knowledge).then(() => undefined),
    cleanup,
  };
}

describe('Direct Line posts with a client activity id', () => {
  let server: RunningApp;
  let space: ReturnType<typeof workspace>;
  beforeAll(async () => {
    space = workspace();
    await space.ready;
    server = await startApp(space.env);
  });
  afterAll(async () => {
    await server.stop();
    space.cleanup();
  });

  it('stores and answers a retried post once, and answers the retry with the same id', async () => {
    const conversation = await startConversation(server.url);
    const body = { type: 'message', text: 'question about track-order', channelData: { clientActivityID: 'retry-1' } };
    const first = await postActivity(server.url, conversation, body);
    const second = await postActivity(server.url, conversation, body);
    expect([first.status, second.status]).toEqual([200, 200]);
    const { id } = first.body as { id: string };
    expect(second.body).toEqual({ id });
    const activities = await transcript(server.url, conversation);
    expect(activities.filter((a) => a.channelData?.clientActivityID === 'retry-1').map((a) => a.id)).toEqual([id]);
    expect(repliesTo(activities, id)).toEqual(turnFor('track-order'));
  });

  it('answers two simultaneous posts of the same activity once, and both only after the turn', async () => {
    const conversation = await startConversation(server.url);
    const body = {
      type: 'message',
      text: 'question about refund-status',
      channelData: { clientActivityID: 'double-click' },
    };
    const [a, b] = await Promise.all([
      postActivity(server.url, conversation, body),
      postActivity(server.url, conversation, body),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual(b.body);
    const { id } = a.body as { id: string };
    // Both answered after the one turn finished: its replies are already there.
    const activities = await transcript(server.url, conversation);
    expect(activities.filter((x) => x.from.role === 'user').map((x) => x.id)).toEqual([id]);
    expect(repliesTo(activities, id)).toEqual(turnFor('refund-status'));
  });

  it('uses the activity "id" a client sends when it sends no clientActivityID', async () => {
    const conversation = await startConversation(server.url);
    const body = { type: 'message', text: 'question about opening-hours', id: 'client-side-id-7' };
    const first = await postActivity(server.url, conversation, body);
    const second = await postActivity(server.url, conversation, body);
    expect(second.body).toEqual(first.body);
    const { id } = first.body as { id: string };
    // The server's id, not the client's, names the activity.
    expect(id).toBe(activityId(conversation.conversationId, 2));
    expect(repliesTo(await transcript(server.url, conversation), id)).toEqual(turnFor('opening-hours'));
  });

  it('keeps the same client activity id in two conversations apart', async () => {
    const [one, two] = [await startConversation(server.url), await startConversation(server.url)];
    const body = {
      type: 'message',
      text: 'question about track-order',
      channelData: { clientActivityID: 'same-everywhere' },
    };
    const [a, b] = [await postActivity(server.url, one, body), await postActivity(server.url, two, body)];
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((a.body as { id: string }).id.startsWith(`${one.conversationId}|`)).toBe(true);
    expect((b.body as { id: string }).id.startsWith(`${two.conversationId}|`)).toBe(true);
  });

  it('stores posts without a client id every time', async () => {
    const conversation = await startConversation(server.url);
    const body = { type: 'message', text: 'question about track-order' };
    const [a, b] = [
      await postActivity(server.url, conversation, body),
      await postActivity(server.url, conversation, body),
    ];
    expect((a.body as { id: string }).id).not.toBe((b.body as { id: string }).id);
  });

  it.each([
    [
      'a clientActivityID that is a number',
      { channelData: { clientActivityID: 42 } },
      /"\/channelData\/clientActivityID" must be a string/,
    ],
    ['an id of 201 characters', { id: 'x'.repeat(201) }, /"\/id" must be at most 200 characters/],
  ])('refuses %s with 400', async (_name, extra, message) => {
    const conversation = await startConversation(server.url);
    const res = await postActivity(server.url, conversation, { type: 'message', text: 'hi', ...extra });
    expect(res.status).toBe(400);
    expect((res.body as { error: { message: string } }).error.message).toMatch(message);
  });
});

describe('Direct Line turns across server processes and crashes', () => {
  let space: ReturnType<typeof workspace>;
  const running: RunningApp[] = [];
  beforeAll(async () => {
    space = workspace();
    await space.ready;
  });
  afterEach(async () => {
    await Promise.allSettled(running.splice(0).map((r) => r.stop()));
  });
  afterAll(() => {
    space.cleanup();
  });

  async function start(): Promise<RunningApp> {
    const app = await startApp(space.env);
    running.push(app);
    return app;
  }

  async function stop(app: RunningApp): Promise<void> {
    running.splice(running.indexOf(app), 1);
    await app.stop();
  }

  /** Opens the database while no server runs, as a crash would have left it. */
  async function withDatabase(
    work: (repository: DirectLineRepository, db: Awaited<ReturnType<typeof openDatabase>>) => Promise<void>,
  ): Promise<void> {
    const db = await openDatabase(space.file);
    try {
      await work(new DirectLineRepository(db), db);
    } finally {
      await db.destroy();
    }
  }

  it('answers a retry sent to another server process on the same database with the first id, without a second turn', async () => {
    const [a, b] = [await start(), await start()];
    const conversation = await startConversation(a.url);
    const body = { type: 'message', text: 'question about reset-password', channelData: { clientActivityID: 'via-a' } };
    const first = await postActivity(a.url, conversation, body);
    const retry = await postActivity(b.url, conversation, body);
    expect(retry).toMatchObject({ status: 200, body: first.body });
    const { id } = first.body as { id: string };
    const activities = await transcript(b.url, conversation);
    expect(activities.filter((x) => x.from.role === 'user').map((x) => x.id)).toEqual([id]);
    expect(repliesTo(activities, id)).toEqual(turnFor('reset-password'));
  });

  it('runs, once, the turn of a stored message whose turn a crash interrupted (its feedback record kept once)', async () => {
    const first = await start();
    const conversation = await startConversation(first.url, { id: 'dl_crash' });
    await stop(first);
    const id = activityId(conversation.conversationId, 2);
    await withDatabase(async (repository, db) => {
      const appended = await repository.append(
        conversation.conversationId,
        (seq) => customerMessage(conversation.conversationId, seq, 'question about track-order', 'dl_crash'),
        new Date().toISOString(),
        {
          turnOwed: true,
          clientActivityId: 'stored-then-crashed',
        },
      );
      expect(appended).toEqual({ kind: 'appended', seq: 2 });
      // The crashed turn had got as far as its inbound feedback record.
      await sql`insert into messages (conversation_id, direction, author, activity_type, activity_id, text, created_at)
        values (${conversation.conversationId}, 'inbound', 'customer', 'message', ${id}, 'question about track-order', ${new Date().toISOString()})`.execute(
        db,
      );
    });

    const second = await start();
    expect(repliesTo(await transcript(second.url, conversation), id)).toEqual(turnFor('track-order'));
    // The client's retry of that post now just gets its id.
    const retry = await postActivity(second.url, conversation, {
      type: 'message',
      text: 'question about track-order',
      channelData: { clientActivityID: 'stored-then-crashed' },
    });
    expect(retry).toMatchObject({ status: 200, body: { id } });
    await stop(second);

    const third = await start();
    expect(repliesTo(await transcript(third.url, conversation), id)).toEqual(turnFor('track-order'));
    await withDatabase(async (_repository, db) => {
      const records = await db
        .selectFrom('messages')
        .select('id')
        .where('activity_id', '=', id)
        .where('direction', '=', 'inbound')
        .execute();
      expect(records).toHaveLength(1);
    });
  });

  it('does not answer again a message whose answer was stored before the crash (at most one visible answer)', async () => {
    const first = await start();
    const conversation = await startConversation(first.url, { id: 'dl_answered' });
    await stop(first);
    const id = activityId(conversation.conversationId, 2);
    await withDatabase(async (repository) => {
      const at = new Date().toISOString();
      await repository.append(
        conversation.conversationId,
        (seq) => customerMessage(conversation.conversationId, seq, 'question about track-order', 'dl_answered'),
        at,
        { turnOwed: true },
      );
      await repository.append(
        conversation.conversationId,
        (seq) =>
          JSON.stringify({
            type: 'message',
            id: activityId(conversation.conversationId, seq),
            text: 'Answer about track-order.',
            from: { id: 'answerdesk-bot', role: 'bot' },
            replyToId: id,
          }),
        at,
        { turnOwed: false, replyToId: id },
      );
    });

    const second = await start();
    expect(repliesTo(await transcript(second.url, conversation), id)).toEqual(['Answer about track-order.']);
    await withDatabase(async (repository) => {
      expect(await repository.owedTurns(10)).toEqual([]);
    });
  });

  it('greets, once, a conversation that was started but whose greeting turn never ran', async () => {
    const first = await start();
    const generated = await generateToken(first.url);
    await stop(first);
    await withDatabase(async (repository) => {
      expect(await repository.markStarted(generated.conversationId, new Date().toISOString())).toBe(true);
    });

    const second = await start();
    const conversation = { conversationId: generated.conversationId, token: generated.token };
    // A reconnect after the restart does not greet again: the conversation counts as started.
    expect(
      (await directLine(second.url, 'GET', `/conversations/${generated.conversationId}`, generated.token)).status,
    ).toBe(200);
    const activities = await transcript(second.url, conversation);
    expect(activities.map((a) => [a.from.role, a.text])).toEqual([['bot', 'Text for greeting.']]);
    await stop(second);
    const third = await start();
    expect(await transcript(third.url, conversation)).toEqual(activities);
  });
});

// Upgrades a SQLite file written before 007; a PostgreSQL database never predates it (it starts at the latest).
describe.skipIf(ON_POSTGRES)('migration 007-directline-turns', () => {
  it('upgrades a database from before it, counting every stored activity and greeting as done', async () => {
    const space = workspace();
    await space.ready;
    try {
      // The database as a server from before the migration left it: migrated up to 006 only.
      const db = new Kysely<Database>({
        dialect: new Sqlite3Dialect(
          () =>
            new Promise((resolve, reject) => {
              const opened = new sqlite3.Database(space.file, (err) => (err ? reject(err) : resolve(opened)));
            }),
        ),
      });
      const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
      expect((await migrator.migrateTo('006-handoffs')).error).toBeUndefined();
      const at = '2026-01-01T00:00:00.000Z';
      await sql`insert into directline_conversation (id, user_id, user_name, started_at, last_seq, created_at) values ('old-conv', 'dl_old', null, ${at}, 1, ${at})`.execute(
        db,
      );
      await sql`insert into directline_activity (conversation_id, seq, activity, created_at) values ('old-conv', 1, ${customerMessage('old-conv', 1, 'question about track-order', 'dl_old')}, ${at})`.execute(
        db,
      );
      await migrateToLatest(db);
      const rows = await sql<{ turn_done_at: string | null }>`select turn_done_at from directline_activity`.execute(db);
      expect(rows.rows).toEqual([{ turn_done_at: at }]);
      const conversations = await sql<{
        start_turn_done_at: string | null;
      }>`select start_turn_done_at from directline_conversation`.execute(db);
      expect(conversations.rows).toEqual([{ start_turn_done_at: at }]);
      await db.destroy();

      // No turn is owed, so starting a server on it sends nothing into the old conversation.
      const server = await startApp(space.env);
      await server.stop();
      const after = await openDatabase(space.file);
      const count = await after
        .selectFrom('directline_activity')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      await after.destroy();
      expect(Number(count.n)).toBe(1);
    } finally {
      space.cleanup();
    }
  });
});
