import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { messageActivity, postJson } from '../helpers/activity.ts';
import { type CommitLedger, recordCommits } from '../helpers/commit-ledger.ts';
import { openStream, postActivity, startConversation } from '../helpers/directline.ts';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

/**
 * DATABASE_SYNCHRONOUS=request: commits are not fsynced one by one, so every answer a client gets
 * must come after a commit made with synchronous = FULL (whose WAL fsync covers every earlier
 * commit). The ledger replays what SQLite ran and marks each response and stream frame sent.
 */
// SQLite only: the ledger replays what SQLite ran; on PostgreSQL every commit is durable when it returns.
describe.skipIf(ON_POSTGRES)('answers with DATABASE_SYNCHRONOUS=request', () => {
  let server: RunningApp;
  let ledger: CommitLedger;

  // One server for all cases (starting the app is slow); every case checks every answer so far.
  beforeAll(async () => {
    ledger = recordCommits();
    server = await startApp({ DATABASE_SYNCHRONOUS: 'request', LOCAL_SERVICE_URLS: 'loopback' });
    server.server.on('request', (req, res) =>
      res.on('finish', () =>
        ledger.mark(`${req.method} ${(req as { originalUrl?: string }).originalUrl ?? req.url} -> ${res.statusCode}`),
      ),
    );
    const send = WebSocket.prototype.send;
    vi.spyOn(WebSocket.prototype, 'send').mockImplementation(function marked(
      this: WebSocket,
      ...args: Parameters<WebSocket['send']>
    ) {
      ledger.mark('stream frame');
      return send.apply(this, args);
    });
  });
  afterAll(async () => {
    // Spies first: a stop that throws must not leave them on prototypes other files use.
    vi.restoreAllMocks();
    ledger.restore();
    await server.stop();
  });

  let marksBefore = 0;
  beforeEach(() => {
    marksBefore = ledger.durableAtMarks().length;
  });

  /** This case's answers that went out before everything they could show was durable. */
  function notDurable(): ReturnType<CommitLedger['durableAtMarks']> {
    return ledger
      .durableAtMarks()
      .slice(marksBefore)
      .filter((m) => !m.durable);
  }

  it('runs ordinary commits with NORMAL, so the mode is really in use', async () => {
    await startConversation(server.url);
    expect(ledger.commits().some((c) => c.synchronous === 'normal')).toBe(true);
  });

  it('sends a Direct Line generate, start, post and retried post only after a durable commit', async () => {
    const conversation = await startConversation(server.url);
    const activity = {
      type: 'message',
      from: { id: 'u1' },
      text: 'where is my order?',
      channelData: { clientActivityID: 'c-1' },
    };
    const posted = await postActivity(server.url, conversation, activity);
    expect(posted.status).toBe(200);
    const retried = await postActivity(server.url, conversation, activity);
    expect(retried.body).toEqual(posted.body);

    const marks = ledger
      .durableAtMarks()
      .slice(marksBefore)
      .map((m) => m.label);
    expect(marks).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^POST \/v3\/directline\/tokens\/generate -> 200$/),
        expect.stringMatching(/^POST \/v3\/directline\/conversations -> 201$/),
      ]),
    );
    expect(marks.filter((m) => /activities -> 200$/.test(m))).toHaveLength(2);
    expect(notDurable()).toEqual([]);
  });

  it('pushes stream frames only after a durable commit', async () => {
    const conversation = await startConversation(server.url);
    const stream = await openStream(conversation.streamUrl);
    try {
      await postActivity(server.url, conversation, { type: 'message', from: { id: 'u1' }, text: 'where is my order?' });
      await stream.waitFor((activities) => activities.some((a) => a.text === 'Did this help?'));
    } finally {
      stream.close();
    }
    // The turn keeps writing while a frame is on its way: a frame must cover what it read.
    const frames = ledger
      .durableAtMarks(/^select "seq", "activity" from "directline_activity"/)
      .slice(marksBefore)
      .filter((m) => m.label === 'stream frame');
    expect(frames.length).toBeGreaterThan(1);
    expect(frames.filter((m) => !m.durable)).toEqual([]);
  });

  it('answers /api/messages and an agent API write only after a durable commit', async () => {
    const res = await postJson(
      `${server.url}/api/messages`,
      messageActivity('where is my order?', { deliveryMode: 'expectReplies' }),
    );
    expect(res.status).toBe(200);

    const { customerId } = await seedConversation(server.app.db, {
      conversationId: 'conv-d',
      name: 'Customer D',
      messages: ['help'],
    });
    const { ticket } = await server.app.tickets.escalate({
      conversationId: 'conv-d',
      customerId,
      reason: 'requested',
      priority: 'normal',
      subject: 'help',
      category: 'delivery',
    });
    const { token } = await server.app.agents.create({ name: 'Dana' });
    const note = await fetch(`${server.url}/api/agent/tickets/${ticket.reference}/notes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'called the courier' }),
    });
    expect(note.status).toBe(201);

    const labels = ledger
      .durableAtMarks()
      .slice(marksBefore)
      .map((m) => m.label);
    expect(labels).toEqual(
      expect.arrayContaining(['POST /api/messages -> 200', `POST /api/agent/tickets/${ticket.reference}/notes -> 201`]),
    );
    expect(notDurable()).toEqual([]);
  });
});
