import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageActivity, postJson } from '../helpers/activity.ts';
import { onlyNockedOutsideServers } from '../helpers/outside-servers.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

const SERVICE_URL = 'https://connector.example.test/';

onlyNockedOutsideServers();

describe('POST /api/messages without app credentials (local / Emulator mode)', () => {
  let server: RunningApp;
  beforeAll(async () => {
    // The nocked Connector stands in for the Emulator's, which a real setup reaches on loopback.
    server = await startApp({ LOCAL_SERVICE_URLS: `loopback,${new URL(SERVICE_URL).origin}` });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('returns the replies in the response body with deliveryMode expectReplies', async () => {
    const res = await postJson(
      `${server.url}/api/messages`,
      messageActivity('where is my order?', { deliveryMode: 'expectReplies' }),
    );
    expect(res.status).toBe(200);
    const body = res.body as { activities: Array<{ type: string; text: string; channelData?: unknown }> };
    expect(body.activities.map((a) => a.type)).toEqual(['message', 'message']);
    expect(body.activities[0]?.channelData).toEqual({ answerdesk: { entryId: 'track-order' } });
    expect(body.activities[1]?.text).toBe('Did this help?');
  });

  it('greets a customer who joins the conversation, but not itself', async () => {
    const res = await postJson(
      `${server.url}/api/messages`,
      messageActivity('', {
        type: 'conversationUpdate',
        deliveryMode: 'expectReplies',
        membersAdded: [{ id: 'answerdesk-bot' }, { id: 'customer-1' }],
      }),
    );
    expect(res.status).toBe(200);
    const body = res.body as { activities: Array<{ text: string }> };
    expect(body.activities).toHaveLength(1);
    expect(body.activities[0]?.text).toMatch(/welcome to Northwind Goods support/);
  });

  it("posts the reply to the activity's serviceUrl on the Connector's reply path", async () => {
    let posted: { type?: string; text?: string; replyToId?: string; recipient?: { id: string } } = {};
    const connector = nock(SERVICE_URL)
      .post('/v3/conversations/conv-42/activities/incoming-1', (body) => {
        posted = body as typeof posted;
        return true;
      })
      .reply(200, { id: 'reply-1' });
    const res = await postJson(
      `${server.url}/api/messages`,
      messageActivity('qwxz zzkv vvvq', { id: 'incoming-1', conversation: { id: 'conv-42' }, serviceUrl: SERVICE_URL }),
    );
    expect(res.status).toBe(200);
    expect(connector.isDone()).toBe(true);
    expect(posted.type).toBe('message');
    expect(posted.text).toMatch(/Could you say it another way\?/);
    expect(posted.replyToId).toBe('incoming-1');
    expect(posted.recipient?.id).toBe('customer-1');
  });

  it.each([
    ['not JSON', '{"type": "message",', 400, /not valid JSON/],
    ['a JSON array', '[1,2,3]', 400, /must be a JSON object/],
    ['a JSON string', '"hello"', 400, /not valid JSON/],
    ['an object without type', '{"text":"hi"}', 400, /no "\/type" \(it is required\)/],
    [
      'an activity without a conversation',
      '{"type":"message","from":{"id":"u"}}',
      400,
      /no "\/conversation" \(it is required\)/,
    ],
    [
      'an activity without a conversation id',
      '{"type":"message","from":{"id":"u"},"conversation":{}}',
      400,
      /no "\/conversation\/id"/,
    ],
    [
      'an activity whose text is a number',
      '{"type":"message","from":{"id":"u"},"conversation":{"id":"c"},"text":5}',
      400,
      /"\/text" must be a string/,
    ],
    [
      'an activity whose from.name is a number',
      '{"type":"message","from":{"id":"u","name":7},"conversation":{"id":"c"},"deliveryMode":"expectReplies"}',
      400,
      /"\/from\/name" must be a string or null/,
    ],
    [
      'an activity whose locale is an object',
      '{"type":"message","from":{"id":"u"},"conversation":{"id":"c"},"locale":{},"deliveryMode":"expectReplies"}',
      400,
      /"\/locale" must be a string/,
    ],
  ])('rejects %s with a clear 4xx', async (_name, body, status, message) => {
    const res = await postJson(`${server.url}/api/messages`, body);
    expect(res.status).toBe(status);
    expect((res.body as { error: { message: string } }).error.message).toMatch(message);
  });

  it('never lets a posted user id select a customer from another conversation (nobody vouches for ids here)', async () => {
    // Anyone can post here in this mode, claiming any channel, user id and channelData.
    const forged = {
      channelId: 'directline',
      from: { id: 'victim-user-77' },
      channelData: { answerdesk: { boundUser: true } },
      deliveryMode: 'expectReplies',
    };
    for (const conversation of ['conv-victim', 'conv-attacker']) {
      const res = await postJson(
        `${server.url}/api/messages`,
        messageActivity('hello', { ...forged, conversation: { id: conversation } }),
      );
      expect(res.status).toBe(200);
    }
    const owners = await server.app.db
      .selectFrom('conversations')
      .select(['id', 'customer_id'])
      .where('id', 'in', ['conv-victim', 'conv-attacker'])
      .execute();
    expect(owners).toHaveLength(2);
    expect(owners[0]?.customer_id).not.toBe(owners[1]?.customer_id);
  });

  it('rejects 2 MB of text with 413 and keeps serving', async () => {
    const res = await postJson(`${server.url}/api/messages`, messageActivity('x'.repeat(2 * 1024 * 1024)));
    expect(res.status).toBe(413);
    expect((res.body as { error: { code: string } }).error.code).toBe('payload_too_large');
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('rejects a body that is not JSON at all', async () => {
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(res.status).toBe(400);
  });

  it('answers GET /healthz with database reachability', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await fetch(`${server.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'No route for GET /nope' } });
  });
});

describe('POST /api/messages with app credentials', () => {
  const APP_ID = '11111111-2222-3333-4444-555555555555';
  let server: RunningApp;
  let signingKey: KeyObject;
  let forgedKey: KeyObject;

  beforeAll(async () => {
    signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    forgedKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    server = await startApp({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'test-secret' });
  });
  afterAll(async () => {
    await server.stop();
  });

  /** The Bot Framework's OpenID metadata and signing keys, served by nock (persisting: the SDK caches them). */
  function serveSigningKeys(): void {
    const jwk = signingKey.export({ format: 'jwk' });
    nock('https://login.botframework.com')
      .get('/v1/.well-known/openidconfiguration')
      .reply(200, {
        issuer: 'https://api.botframework.com',
        jwks_uri: 'https://login.botframework.com/v1/.well-known/keys',
      })
      .get('/v1/.well-known/keys')
      .reply(200, { keys: [{ kty: 'RSA', use: 'sig', kid: 'test-key', n: jwk.n, e: jwk.e, endorsements: ['test'] }] });
  }

  function token(key: KeyObject, claims: Record<string, unknown> = {}): string {
    return jwt.sign({ serviceurl: SERVICE_URL, ...claims }, key, {
      algorithm: 'RS256',
      keyid: 'test-key',
      issuer: 'https://api.botframework.com',
      audience: APP_ID,
      expiresIn: '5m',
    });
  }

  it('rejects a request without a token with 401', async () => {
    const res = await postJson(`${server.url}/api/messages`, messageActivity('hi', { deliveryMode: 'expectReplies' }));
    expect(res.status).toBe(401);
  });

  it('rejects a token signed by someone else with 401', async () => {
    serveSigningKeys();
    const res = await postJson(
      `${server.url}/api/messages`,
      messageActivity('hi', { deliveryMode: 'expectReplies', serviceUrl: SERVICE_URL }),
      { authorization: `Bearer ${token(forgedKey)}` },
    );
    expect(res.status).toBe(401);
  });

  it('rejects a correctly signed token for another bot with 401', async () => {
    const res = await postJson(
      `${server.url}/api/messages`,
      messageActivity('hi', { deliveryMode: 'expectReplies', serviceUrl: SERVICE_URL }),
      {
        authorization: `Bearer ${jwt.sign({ serviceurl: SERVICE_URL }, signingKey, { algorithm: 'RS256', keyid: 'test-key', issuer: 'https://api.botframework.com', audience: 'another-bot', expiresIn: '5m' })}`,
      },
    );
    expect(res.status).toBe(401);
  });

  it('accepts a valid Bot Framework token and answers', async () => {
    const res = await postJson(
      `${server.url}/api/messages`,
      messageActivity('hi', { deliveryMode: 'expectReplies', serviceUrl: SERVICE_URL }),
      { authorization: `Bearer ${token(signingKey)}` },
    );
    expect(res.status).toBe(200);
    expect((res.body as { activities: unknown[] }).activities).toHaveLength(1);
  });
});
