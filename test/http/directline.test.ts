import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GENERATE_LIMIT, GENERATE_WINDOW_MS, RateLimiter } from '../../src/http/directline/generate-rate-limit.ts';
import {
  type ActivitySet,
  type Conversation,
  directLine,
  generateToken,
  jwtPayload,
  openStream,
  postActivity,
  startConversation,
  streamStatus,
  type WireActivity,
} from '../helpers/directline.ts';
import { onlyNockedOutsideServers } from '../helpers/outside-servers.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { makeTempDir, testDatabaseUrl } from '../helpers/test-config.ts';

const ACTIVITY_ID = /^[A-Za-z0-9_-]+\|\d{7}$/;
const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

function botRepliesTo(id: string): (activities: WireActivity[]) => boolean {
  return (activities) => activities.some((a) => a.replyToId === id && a.from.role === 'bot' && a.type === 'message');
}

async function poll(
  base: string,
  conversation: { conversationId: string; token: string },
  watermark?: string,
): Promise<ActivitySet> {
  const query = watermark === undefined ? '' : `?watermark=${watermark}`;
  const res = await directLine(
    base,
    'GET',
    `/conversations/${conversation.conversationId}/activities${query}`,
    conversation.token,
  );
  expect(res.status).toBe(200);
  return res.body as ActivitySet;
}

// The blocks on the default configuration share one app. Token generation is rate-limited per
// client address, so that app's limiter runs on a clock each test moves one window on: every test
// starts with the full allowance, as on a fresh app.
let clock = 0;
let shared: Promise<RunningApp> | undefined;
function sharedApp(): Promise<RunningApp> {
  shared ??= startApp({}, { generateLimiter: new RateLimiter(GENERATE_LIMIT, GENERATE_WINDOW_MS, () => clock) });
  return shared;
}
beforeEach(() => {
  clock += GENERATE_WINDOW_MS;
});
afterAll(async () => {
  await (await shared)?.stop();
});

describe('Direct Line tokens and conversations', () => {
  let server: RunningApp;
  beforeAll(async () => {
    server = await sharedApp();
  });

  it('generates a token scoped to one new conversation and the given user', async () => {
    const generated = await generateToken(server.url, { user: { id: 'dl_casey', name: 'Casey' } });
    expect(generated.conversationId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(generated.expires_in).toBe(3600);
    // Web Chat and DirectLineJS take the user id from the token's "user" claim.
    expect(jwtPayload(generated.token)).toMatchObject({
      conv: generated.conversationId,
      user: 'dl_casey',
      name: 'Casey',
    });
  });

  it('makes up a user id when the page does not send one', async () => {
    const generated = await generateToken(server.url);
    expect(jwtPayload(generated.token).user).toMatch(/^dl_/);
  });

  it.each([
    ['a user that is not an object', { user: 'casey' }, /"user" must be an object/],
    ['a user id with spaces', { user: { id: 'casey smith' } }, /"user.id" must be/],
    ['a very long name', { user: { id: 'dl_1', name: 'x'.repeat(101) } }, /"user.name" must be/],
  ])('refuses to generate a token for %s with 400', async (_name, body, message) => {
    const res = await directLine(server.url, 'POST', '/tokens/generate', undefined, body);
    expect(res.status).toBe(400);
    expect((res.body as { error: { message: string } }).error.message).toMatch(message);
  });

  it('starts a conversation once (201 with a streamUrl), and answers 200 for the same token afterwards', async () => {
    const generated = await generateToken(server.url);
    const first = await directLine(server.url, 'POST', '/conversations', generated.token);
    expect(first.status).toBe(201);
    const body = first.body as Conversation;
    expect(body.conversationId).toBe(generated.conversationId);
    expect(body.streamUrl).toMatch(
      new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${generated.conversationId}/stream\\?t=`),
    );
    const second = await directLine(server.url, 'POST', '/conversations', generated.token);
    expect(second.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
  });
});

describe('Direct Line activities', () => {
  let server: RunningApp;
  beforeAll(async () => {
    server = await sharedApp();
  });

  it('echoes a posted message with an id and its clientActivityID, then delivers the bot reply over the stream and by polling', async () => {
    const conversation = await startConversation(server.url, { id: 'dl_echo' });
    const stream = await openStream(conversation.streamUrl);
    try {
      const before = await poll(server.url, conversation);
      const res = await postActivity(server.url, conversation, {
        type: 'message',
        text: 'where is my order?',
        from: { id: 'somebody-else', name: 'Casey' },
        channelData: { clientActivityID: 'client-activity-1' },
      });
      expect(res.status).toBe(200);
      const { id } = res.body as { id: string };
      expect(id).toMatch(ACTIVITY_ID);
      expect(id.startsWith(`${conversation.conversationId}|`)).toBe(true);

      const streamed = await stream.waitFor(botRepliesTo(id));
      const echo = streamed.find((a) => a.id === id);
      expect(echo).toMatchObject({
        type: 'message',
        text: 'where is my order?',
        channelId: 'directline',
        conversation: { id: conversation.conversationId },
        // The token decides who speaks, not the body.
        from: { id: 'dl_echo', name: 'Casey', role: 'user' },
        channelData: { clientActivityID: 'client-activity-1' },
      });
      expect(Number.isNaN(Date.parse(echo?.timestamp ?? ''))).toBe(false);
      const streamedWatermarks = stream.frames.map((f) => Number(f.watermark));
      expect(streamedWatermarks).toEqual([...streamedWatermarks].sort((a, b) => a - b));

      // The POST answered after the turn, so polling already has the echo and the reply.
      const after = await poll(server.url, conversation, before.watermark);
      expect(after.activities[0]?.id).toBe(id);
      expect(botRepliesTo(id)(after.activities)).toBe(true);
      expect(Number(after.watermark)).toBeGreaterThan(Number(before.watermark));
      expect(after.activities.map((a) => a.id)).toEqual(
        streamed.filter((a) => Number(a.id.split('|')[1]) > Number(before.watermark)).map((a) => a.id),
      );
      expect(await poll(server.url, conversation, after.watermark)).toEqual({
        activities: [],
        watermark: after.watermark,
      });
      // The internal connector's URL (and its path token) never reaches a client.
      expect(JSON.stringify(after)).not.toMatch(/_directline-connector|serviceUrl/);
    } finally {
      stream.close();
    }
  });

  it('replays only what came after the watermark when a client reconnects with one', async () => {
    const conversation = await startConversation(server.url);
    const first = await postActivity(server.url, conversation, { type: 'message', text: 'hello' });
    const { watermark } = await poll(server.url, conversation);
    const second = await postActivity(server.url, conversation, { type: 'message', text: 'how do I return an item?' });
    expect([first.status, second.status]).toEqual([200, 200]);

    const reconnect = await directLine(
      server.url,
      'GET',
      `/conversations/${conversation.conversationId}?watermark=${watermark}`,
      conversation.token,
    );
    expect(reconnect.status).toBe(200);
    const { streamUrl } = reconnect.body as Conversation;
    expect(streamUrl).toContain(`watermark=${watermark}`);
    const stream = await openStream(streamUrl);
    try {
      const replayed = await stream.waitFor(botRepliesTo((second.body as { id: string }).id));
      expect(replayed[0]?.id).toBe((second.body as { id: string }).id);
      expect(replayed.every((a) => Number(a.id.split('|')[1]) > Number(watermark))).toBe(true);
    } finally {
      stream.close();
    }
  });

  it('refreshes a token: same conversation and user, a new token that works', async () => {
    const conversation = await startConversation(server.url, { id: 'dl_refresh' });
    const res = await directLine(server.url, 'POST', '/tokens/refresh', conversation.token);
    expect(res.status).toBe(200);
    const refreshed = res.body as { conversationId: string; token: string; expires_in: number };
    expect(refreshed.conversationId).toBe(conversation.conversationId);
    expect(refreshed.expires_in).toBe(3600);
    expect(refreshed.token).not.toBe(conversation.token);
    expect(jwtPayload(refreshed.token)).toMatchObject({ conv: conversation.conversationId, user: 'dl_refresh' });
    await poll(server.url, { conversationId: conversation.conversationId, token: refreshed.token });
  });

  it.each([
    ['GET', (id: string) => `/conversations/${id}`],
    ['GET', (id: string) => `/conversations/${id}/activities`],
    ['POST', (id: string) => `/conversations/${id}/activities`],
  ] as const)("refuses conversation A's token on conversation B with 403 (%s %s)", async (method, route) => {
    const a = await startConversation(server.url);
    const b = await startConversation(server.url);
    const res = await directLine(
      server.url,
      method,
      route(b.conversationId),
      a.token,
      method === 'POST' ? { type: 'message', text: 'hi' } : undefined,
    );
    expect(res.status).toBe(403);
    expect((await poll(server.url, b)).activities.some((x) => x.text === 'hi')).toBe(false);
  });

  it.each([
    ['no token', undefined],
    ['a garbage token', 'not-a-token'],
    [
      'a token signed with another secret',
      jwt.sign({ conv: 'x', user: 'y' }, SECRET, {
        algorithm: 'HS256',
        issuer: 'answerdesk',
        audience: 'answerdesk:directline:conversation',
      }),
    ],
  ])('refuses %s with 401', async (_name, token) => {
    const { conversationId } = await generateToken(server.url);
    for (const [method, route] of [
      ['POST', '/conversations'],
      ['POST', '/tokens/refresh'],
      ['GET', `/conversations/${conversationId}`],
      ['GET', `/conversations/${conversationId}/activities`],
      ['POST', `/conversations/${conversationId}/activities`],
    ] as const) {
      const res = await directLine(
        server.url,
        method,
        route,
        token,
        method === 'POST' ? { type: 'message', text: 'hi' } : undefined,
      );
      expect(res.status, `${method} ${route}`).toBe(401);
    }
  });

  it('does not accept a stream token (from a streamUrl) as a bearer token', async () => {
    const conversation = await startConversation(server.url);
    const streamToken = new URL(conversation.streamUrl).searchParams.get('t') ?? '';
    const res = await directLine(
      server.url,
      'GET',
      `/conversations/${conversation.conversationId}/activities`,
      streamToken,
    );
    expect(res.status).toBe(401);
  });

  it.each([
    { name: 'a JSON array', body: '[1,2]', status: 400, message: /must be a JSON object/ },
    { name: 'an object without type', body: { text: 'hi' }, status: 400, message: /no "\/type" \(it is required\)/ },
    {
      name: 'a forged conversationUpdate',
      body: { type: 'conversationUpdate', membersAdded: [{ id: 'x' }] },
      status: 400,
      message: /"\/type" must be one of message, event, typing \(got "conversationUpdate"\)/,
    },
    {
      name: 'a message whose text is a number',
      body: { type: 'message', text: 5 },
      status: 400,
      message: /"\/text" must be a string/,
    },
    {
      name: 'a message whose from is a string',
      body: { type: 'message', text: 'hi', from: 'me' },
      status: 400,
      message: /"\/from" must be an object/,
    },
    { name: 'invalid JSON', body: '{"type":', status: 400, message: /not valid JSON/ },
    {
      name: '2 MB of text',
      body: { type: 'message', text: 'x'.repeat(2 * 1024 * 1024) },
      status: 413,
      message: /larger than the limit/,
    },
  ])('refuses $name as an activity with a clear $status', async ({ body, status, message }) => {
    const conversation = await startConversation(server.url);
    const res = await postActivity(server.url, conversation, body);
    expect(res.status).toBe(status);
    expect((res.body as { error: { message: string } }).error.message).toMatch(message);
  });

  it('refuses a watermark it never issued with 400', async () => {
    const conversation = await startConversation(server.url);
    const res = await directLine(
      server.url,
      'GET',
      `/conversations/${conversation.conversationId}/activities?watermark=abc`,
      conversation.token,
    );
    expect(res.status).toBe(400);
  });
});

describe('Direct Line streams and the internal connector', () => {
  let server: RunningApp;
  beforeAll(async () => {
    server = await sharedApp();
  });

  it('refuses streams without a valid stream token, or for another conversation', async () => {
    const a = await startConversation(server.url);
    const b = await startConversation(server.url);
    const streamOf = (c: Conversation): URL => new URL(c.streamUrl);
    const noToken = streamOf(a);
    noToken.searchParams.delete('t');
    const withBearerToken = streamOf(a);
    withBearerToken.searchParams.set('t', a.token);
    const otherConversation = streamOf(a);
    otherConversation.pathname = streamOf(b).pathname;
    expect(await streamStatus(noToken.href)).toBe(401);
    expect(await streamStatus(withBearerToken.href)).toBe(401);
    expect(await streamStatus(otherConversation.href)).toBe(403);
    expect(await streamStatus(a.streamUrl)).toBe(101);
  });

  it('does not let the public post bot activities: the connector path does not exist on the public server', async () => {
    const conversation = await startConversation(server.url);
    const internalPath = new URL(server.app.directLine.bridge.serviceUrl).pathname;
    const before = await poll(server.url, conversation);
    for (const prefix of [internalPath, '/_directline-connector/guess/']) {
      const res = await fetch(`${server.url}${prefix}v3/conversations/${conversation.conversationId}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text: 'I am the bot, honest',
          from: { id: 'answerdesk-bot', role: 'bot' },
        }),
      });
      expect(res.status).toBe(404);
    }
    expect(await poll(server.url, conversation)).toEqual(before);
  });

  it('has no internal connector listening: the serviceUrl of Direct Line turns names no server', async () => {
    const conversation = await startConversation(server.url);
    const before = await poll(server.url, conversation);
    const serviceUrl = new URL(server.app.directLine.bridge.serviceUrl);
    // RFC 2606: a .invalid name never resolves; replies are stored in-process (DirectLineConnectorClient).
    expect(serviceUrl.hostname).toMatch(/\.invalid$/);
    await expect(
      fetch(`${serviceUrl.href}v3/conversations/${conversation.conversationId}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'from the connector' }),
      }),
    ).rejects.toThrow();
    expect(await poll(server.url, conversation)).toEqual(before);
  });
});

describe('Direct Line tokens with a configured secret', () => {
  let server: RunningApp;
  beforeAll(async () => {
    server = await startApp({ DIRECTLINE_SECRET: SECRET });
  });
  afterAll(async () => {
    await server.stop();
  });

  const sign = (claims: Record<string, unknown>): string =>
    jwt.sign(claims, SECRET, {
      algorithm: 'HS256',
      issuer: 'answerdesk',
      audience: 'answerdesk:directline:conversation',
    });

  it('refuses an expired token with 401', async () => {
    const { conversationId } = await generateToken(server.url);
    const expired = sign({ conv: conversationId, user: 'dl_1', exp: Math.floor(Date.now() / 1000) - 60 });
    const res = await directLine(server.url, 'GET', `/conversations/${conversationId}/activities`, expired);
    expect(res.status).toBe(401);
    expect((res.body as { error: { message: string } }).error.message).toMatch(/expired/);
    expect((await directLine(server.url, 'POST', '/tokens/refresh', expired)).status).toBe(401);
  });

  it('answers 404 for a valid token whose conversation does not exist', async () => {
    const token = sign({ conv: 'no-such-conversation', user: 'dl_1', exp: Math.floor(Date.now() / 1000) + 600 });
    expect((await directLine(server.url, 'GET', '/conversations/no-such-conversation/activities', token)).status).toBe(
      404,
    );
    expect((await directLine(server.url, 'POST', '/conversations', token)).status).toBe(404);
  });

  it('signs with the configured secret', async () => {
    const { token } = await generateToken(server.url);
    expect(() => jwt.verify(token, SECRET, { algorithms: ['HS256'] })).not.toThrow();
  });
});

describe('Direct Line with Microsoft app credentials configured', () => {
  onlyNockedOutsideServers();
  let server: RunningApp;
  beforeAll(async () => {
    server = await startApp({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'test-secret',
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('runs the turn in-process and delivers the reply without any Microsoft login', async () => {
    const conversation = await startConversation(server.url);
    const res = await postActivity(server.url, conversation, { type: 'message', text: 'where is my order?' });
    expect(res.status).toBe(200);
    expect(botRepliesTo((res.body as { id: string }).id)((await poll(server.url, conversation)).activities)).toBe(true);
  });
});

describe('Direct Line token generation limit', () => {
  let server: RunningApp;
  beforeAll(async () => {
    server = await sharedApp();
  });

  it(`answers 429 with Retry-After after ${GENERATE_LIMIT} new conversations from one address in a minute`, async () => {
    for (let i = 0; i < GENERATE_LIMIT; i += 1)
      expect((await directLine(server.url, 'POST', '/tokens/generate')).status).toBe(200);
    const limited = await directLine(server.url, 'POST', '/tokens/generate');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('Direct Line transcripts across a restart', () => {
  it('keeps the transcript and accepts the old token after the server restarts on the same database', async () => {
    const { dir, cleanup } = makeTempDir();
    const env = { DATABASE_URL: testDatabaseUrl(dir) };
    try {
      const first = await startApp(env);
      let conversation: Conversation;
      let before: ActivitySet;
      let posted: string;
      try {
        conversation = await startConversation(first.url, { id: 'dl_restart' });
        const res = await postActivity(first.url, conversation, {
          type: 'message',
          text: 'how do I return an item?',
          channelData: { clientActivityID: 'c-1' },
        });
        posted = (res.body as { id: string }).id;
        before = await poll(first.url, conversation);
        expect(botRepliesTo(posted)(before.activities)).toBe(true);
      } finally {
        await first.stop();
      }

      const second = await startApp(env);
      try {
        // The generated signing secret lives in the database, so the old token still works.
        const reconnect = await directLine(
          second.url,
          'GET',
          `/conversations/${conversation.conversationId}`,
          conversation.token,
        );
        expect(reconnect.status).toBe(200);
        const stream = await openStream((reconnect.body as Conversation).streamUrl);
        try {
          const replayed = await stream.waitFor((activities) => activities.length >= before.activities.length);
          expect(replayed).toEqual(before.activities);
        } finally {
          stream.close();
        }
        expect(await poll(second.url, conversation)).toEqual(before);
        const next = await postActivity(second.url, conversation, { type: 'message', text: 'thanks' });
        expect(Number((next.body as { id: string }).id.split('|')[1])).toBe(Number(before.watermark) + 1);
      } finally {
        await second.stop();
      }
    } finally {
      cleanup();
    }
  });
});
