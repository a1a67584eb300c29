import { once } from 'node:events';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startServeProcess } from '../helpers/cli.ts';
import {
  type ActivitySet,
  type Conversation,
  directLine,
  postActivity,
  startConversation,
  type WireActivity,
} from '../helpers/directline.ts';
import { SMALL_KNOWLEDGE_ENTRIES, writeSmallKnowledge } from '../helpers/small-knowledge.ts';
import { makeTempDir } from '../helpers/test-config.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

/** Conversations posting at once, each one message after the other (as Web Chat does). */
const CONVERSATIONS = 12;
/**
 * From this many 2xx answers in a round on, the server is frozen (SIGSTOP) at each further 2xx and
 * its database read: if a stored customer message has no reply yet, it is killed (SIGKILL) right
 * there, mid-turn; otherwise it is thawed (SIGCONT) and the load goes on.
 */
const KILL_AFTER_OK = 30;
/** How many times the server is killed (and restarted on the same database). */
const KILLS = 2;
/** A round that never catches the server mid-turn ends here (and the test fails saying so). */
const MAX_OK_PER_ROUND = 3_000;

interface Post {
  readonly conversation: Conversation;
  readonly clientActivityId: string;
  readonly text: string;
  /** The id a 2xx answered with; undefined when the request died with the server. */
  id?: string;
  status?: number;
}

function body(post: Post): Record<string, unknown> {
  return { type: 'message', text: post.text, channelData: { clientActivityID: post.clientActivityId } };
}

/** Posts one conversation's messages one after the other until `stopped()`; records each outcome. */
async function postUntilStopped(
  url: string,
  conversation: Conversation,
  posts: Post[],
  stopped: () => boolean,
  onOk: () => void,
): Promise<void> {
  for (let n = 0; !stopped(); n++) {
    const entry = SMALL_KNOWLEDGE_ENTRIES[n % SMALL_KNOWLEDGE_ENTRIES.length] ?? 'track-order';
    const post: Post = {
      conversation,
      clientActivityId: `${conversation.conversationId}-${posts.length}`,
      text: `question about ${entry}`,
    };
    posts.push(post);
    try {
      const res = await postActivity(url, conversation, body(post));
      post.status = res.status;
      if (res.status === 200) {
        post.id = (res.body as { id: string }).id;
        onOk();
      }
    } catch {
      // The connection died with the server: the client does not know whether it was stored.
      return;
    }
  }
}

async function transcript(url: string, conversation: Conversation): Promise<WireActivity[]> {
  const all: WireActivity[] = [];
  for (let watermark = '0'; ; ) {
    const res = await directLine(
      url,
      'GET',
      `/conversations/${conversation.conversationId}/activities?watermark=${watermark}`,
      conversation.token,
    );
    expect(res.status).toBe(200);
    const set = res.body as ActivitySet;
    if (set.activities.length === 0) return all;
    all.push(...set.activities);
    watermark = set.watermark;
  }
}

function query<T>(file: string, sql: string, mode = sqlite3.OPEN_READWRITE): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (openError) => {
      if (openError) return reject(openError);
      db.all(sql, (error, rows) => {
        db.close();
        if (error) reject(error);
        else resolve(rows as T[]);
      });
    });
  });
}

/** Customer messages in the file whose transcript holds no reply to them (read while the server is frozen). */
async function unansweredInFile(file: string): Promise<number> {
  const rows = await query<{ activity: string }>(
    file,
    'select activity from directline_activity',
    sqlite3.OPEN_READONLY,
  );
  const activities = rows.map((r) => JSON.parse(r.activity) as WireActivity);
  const answered = new Set(activities.filter((a) => a.from.role === 'bot').map((a) => a.replyToId));
  return activities.filter((a) => a.from.role === 'user' && a.type === 'message' && !answered.has(a.id)).length;
}

// On SQLite only: reads the SQLite file of a killed server (and its integrity_check) directly.
describe.skipIf(ON_POSTGRES)('Direct Line after kill -9 under load', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('stores and answers exactly once every message that got a 2xx, and every stored or retried one, after restarts', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'answerdesk.sqlite');
    const env = {
      DATABASE_URL: `file:${file}`,
      KNOWLEDGE_DIR: await writeSmallKnowledge(path.join(dir, 'knowledge')),
      LOG_LEVEL: 'info',
    };

    let server = await startServeProcess(env);
    cleanups.push(() => server.child.kill('SIGKILL'));
    const conversations = await Promise.all(
      Array.from({ length: CONVERSATIONS }, (_, i) => startConversation(server.url, { id: `dl_load_${i}` })),
    );
    const posts: Post[] = [];
    let unansweredAtKills = 0;
    const checkFailures: unknown[] = [];

    for (let kill = 0; kill < KILLS; kill++) {
      let ok = 0;
      let killed = false;
      let checking = false;
      const exited = once(server.child, 'exit');
      const { child, url } = server;
      const killIfMidTurn = async (): Promise<void> => {
        checking = true;
        child.kill('SIGSTOP');
        const unanswered = await unansweredInFile(file);
        if (unanswered > 0) {
          unansweredAtKills += unanswered;
          killed = child.kill('SIGKILL');
        } else {
          child.kill('SIGCONT');
        }
        checking = false;
      };
      await Promise.all(
        conversations.map((conversation) =>
          postUntilStopped(
            url,
            conversation,
            posts,
            () => killed,
            () => {
              ok += 1;
              if (ok >= MAX_OK_PER_ROUND && !killed) killed = child.kill('SIGKILL');
              if (ok >= KILL_AFTER_OK && !checking && !killed) {
                killIfMidTurn().catch((error: unknown) => {
                  killed = child.kill('SIGKILL');
                  checkFailures.push(error);
                });
              }
            },
          ),
        ),
      );
      await exited;
      server = await startServeProcess(env);
    }

    // Clients retry what got no answer, with the same clientActivityID.
    const retried = posts.filter((p) => p.id === undefined);
    for (const post of retried) {
      const res = await postActivity(server.url, post.conversation, body(post));
      expect(res.status).toBe(200);
      post.id = (res.body as { id: string }).id;
    }

    const activities = (await Promise.all(conversations.map((c) => transcript(server.url, c)))).flat();
    const byClientId = new Map<string, WireActivity[]>();
    for (const a of activities.filter((x) => x.from.role === 'user')) {
      const key = a.channelData?.clientActivityID ?? '';
      byClientId.set(key, [...(byClientId.get(key) ?? []), a]);
    }
    const repliesTo = (id: string): Array<string | undefined> =>
      activities.filter((a) => a.from.role === 'bot' && a.type === 'message' && a.replyToId === id).map((a) => a.text);

    // The load really was interrupted mid-turn: otherwise this test could not fail.
    expect(checkFailures).toEqual([]);
    expect(unansweredAtKills).toBeGreaterThan(0);
    expect(retried.length).toBeGreaterThan(0);
    expect(posts.every((p) => p.status === undefined || p.status === 200)).toBe(true);
    for (const post of posts) {
      const stored = byClientId.get(post.clientActivityId) ?? [];
      // Stored once, under the id the client was given (first 2xx or retry), with what it sent.
      expect(stored.map((a) => [a.id, a.text])).toEqual([[post.id, post.text]]);
      // Answered once: one turn's replies (the answer, then "did this help?"), or, for a turn the kill
      // cut short after its answer was stored, only the answer (at most one visible answer).
      const replies = repliesTo(post.id ?? '');
      const turn = [`Answer about ${post.text.replace('question about ', '')}.`, 'Text for didThisHelp.'];
      expect({ clientActivityId: post.clientActivityId, replies }).toEqual({
        clientActivityId: post.clientActivityId,
        replies: turn.slice(0, Math.max(1, replies.length)),
      });
    }
    expect(byClientId.size).toBe(posts.length);

    server.child.kill('SIGTERM');
    const [code] = (await once(server.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(await query<{ integrity_check: string }>(file, 'pragma integrity_check')).toEqual([
      { integrity_check: 'ok' },
    ]);
  }, 180_000);
});
