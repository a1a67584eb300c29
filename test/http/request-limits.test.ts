import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAllowedServiceUrl } from '../../src/http/service-url-allowlist.ts';
import { messageActivity, postJson } from '../helpers/activity.ts';
import { openStream, postActivity, startConversation } from '../helpers/directline.ts';
import { onlyNockedOutsideServers } from '../helpers/outside-servers.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

/** The bound the issue sets for any answer; the SDK's retry loop against a dead URL took 5-12 s. */
const ANSWER_WITHIN_MS = 2_000;
const HEADERS_TIMEOUT_MS = 300;
const REQUEST_TIMEOUT_MS = 600;

onlyNockedOutsideServers();

describe('isAllowedServiceUrl', () => {
  it.each([
    ['http://localhost:3978/', ['loopback'], true],
    ['http://127.0.0.1:9/', ['loopback'], true],
    ['http://127.4.5.6/', ['loopback'], true],
    ['http://[::1]:50000/', ['loopback'], true],
    ['https://connector.example.test/v3/', ['loopback'], false],
    ['https://connector.example.test/v3/', ['https://connector.example.test'], true],
    ['http://connector.example.test/', ['https://connector.example.test'], false],
    ['http://localhost/', ['https://connector.example.test'], false],
    ['http://169.254.169.254/', ['loopback'], false],
    ['http://127.0.0.1.evil.example/', ['loopback'], false],
    ['file:///etc/passwd', ['loopback'], false],
    ['not a url', ['loopback'], false],
    [undefined, ['loopback'], false],
  ])('says %s on %j is allowed: %s', (url, allowlist, allowed) => {
    expect(isAllowedServiceUrl(url, allowlist)).toBe(allowed);
  });
});

describe('POST /api/messages in unauthenticated mode', () => {
  let server: RunningApp;
  beforeAll(async () => {
    server = await startApp();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers quickly when the serviceUrl is dead, instead of retrying for seconds', async () => {
    const started = performance.now();
    const res = await postJson(
      `${server.url}/api/messages`,
      messageActivity('where is my order?', { serviceUrl: 'http://127.0.0.1:9/' }),
    );
    expect(performance.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
    expect(res.status).toBeLessThan(500);
  });

  it('refuses a serviceUrl outside LOCAL_SERVICE_URLS with 400 naming the rule and the key', async () => {
    const res = await postJson(
      `${server.url}/api/messages`,
      messageActivity('hi', { serviceUrl: 'https://attacker.example/' }),
    );
    expect(res.status).toBe(400);
    const { error } = res.body as { error: { code: string; message: string } };
    expect(error.code).toBe('service_url_not_allowed');
    expect(error.message).toMatch(/LOCAL_SERVICE_URLS/);
    expect(error.message).toMatch(/"\/serviceUrl"/);
  });

  it('refuses an activity with no serviceUrl that expects its replies to be posted', async () => {
    const res = await postJson(`${server.url}/api/messages`, messageActivity('hi', { serviceUrl: undefined }));
    expect(res.status).toBe(400);
  });

  it('needs no serviceUrl check with deliveryMode expectReplies: the replies come back in the response', async () => {
    const res = await postJson(
      `${server.url}/api/messages`,
      messageActivity('hi', { serviceUrl: 'https://attacker.example/', deliveryMode: 'expectReplies' }),
    );
    expect(res.status).toBe(200);
    expect((res.body as { activities: unknown[] }).activities.length).toBeGreaterThan(0);
  });
});

describe('slow clients', () => {
  let server: RunningApp;
  beforeAll(async () => {
    server = await startApp({
      HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('closes a connection whose body never arrives', async () => {
    const request = `POST /api/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type":"m`;
    const res = await rawRequest(server.url, request, REQUEST_TIMEOUT_MS * 10);
    expect(res.closed).toBe(true);
    if (res.status !== 0) expect(res.status).toBe(408);
  });

  it('closes a connection whose headers never end', async () => {
    const res = await rawRequest(
      server.url,
      'GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1\r\n',
      REQUEST_TIMEOUT_MS * 10,
    );
    expect(res.closed).toBe(true);
  });

  it('keeps a WebSocket stream open well past the request timeout', async () => {
    const conversation = await startConversation(server.url);
    const stream = await openStream(conversation.streamUrl);
    try {
      await new Promise((resolve) => setTimeout(resolve, REQUEST_TIMEOUT_MS * 3));
      const posted = await postActivity(server.url, conversation, {
        type: 'message',
        text: 'where is my order?',
      });
      expect(posted.status).toBe(200);
      const id = (posted.body as { id: string }).id;
      await stream.waitFor((activities) => activities.some((a) => a.replyToId === id));
    } finally {
      stream.close();
    }
  });
});
