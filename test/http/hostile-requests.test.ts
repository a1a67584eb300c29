import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/http/json-depth.ts';
import { postActivity, startConversation } from '../helpers/directline.ts';
import { rawRequest, upgradeRequest } from '../helpers/raw-http.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

interface ErrorBody {
  error: { code: string; message: string };
}

/** The JSON text of `{ "a": { "a": … {} } }` with `depth` wrappers (too deep for JSON.stringify). */
function nestedJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}`;
}

describe('the HTTP edge under hostile requests', () => {
  let server: RunningApp;
  beforeAll(async () => {
    server = await startApp();
  });
  afterAll(async () => {
    await server.stop();
  });

  async function stillServing(): Promise<void> {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  }

  describe('WebSocket upgrades', () => {
    it.each([
      ['a malformed %-escape as the conversation id', '/v3/directline/conversations/%ff/stream?t=x'],
      ['a lone % as the conversation id', '/v3/directline/conversations/%/stream?t=x'],
      ['an overlong UTF-8 escape', '/v3/directline/conversations/%C0%AF/stream?t=x'],
      ['a truncated escape', '/v3/directline/conversations/%E0%A4%A/stream?t=x'],
      ['an absolute target with a broken host', 'http://[/'],
      ['a scheme-relative target with a broken host', '//[/'],
      ['an absolute target with a port out of range', 'http://x:99999/v3/directline/conversations/x/stream'],
    ])('answers 400 to an upgrade with %s and keeps serving', async (_name, target) => {
      const res = await rawRequest(server.url, upgradeRequest(target));
      expect(res.status).toBe(400);
      await stillServing();
    });
  });

  describe('malformed %-escapes in route parameters', () => {
    it.each([
      ['GET', '/v3/directline/conversations/%ff/activities', false],
      ['GET', '/v3/directline/conversations/%E0%A4%A', false],
      ['POST', '/v3/directline/conversations/%ff/activities', false],
      // The agent API checks the token first (401 without one); with one, the escape is the problem.
      ['GET', '/api/agent/tickets/%ff', true],
      ['PATCH', '/api/agent/tickets/%C0%AF', true],
    ])('answers %s %s with 400 naming the escape', async (method, path, asAgent) => {
      const headers: Record<string, string> = {};
      if (asAgent) headers.authorization = `Bearer ${(await server.app.agents.create({ name: 'Dana' })).token}`;
      const res = await fetch(`${server.url}${path}`, { method, headers });
      expect(res.status).toBe(400);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.message).toMatch(/The path contains a malformed %-escape/);
    });
  });

  describe('bodies that claim an encoding they do not have', () => {
    it.each([
      ['/api/messages'],
      ['/v3/directline/tokens/generate'],
      ['/v3/directline/conversations'],
      ['/v3/directline/conversations/x/activities'],
      ['/api/agent/tickets/T-1/notes'],
    ])('answers POST %s with garbage under Content-Encoding: gzip with 400', async (path) => {
      const res = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: 'this is not gzip at all',
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.message).toMatch(/The body is not valid gzip/);
    });

    it('answers garbage under Content-Encoding: deflate with 400 naming deflate', async () => {
      const res = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' },
        body: 'not deflate',
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.message).toMatch(/The body is not valid deflate/);
    });

    it('still accepts a body that really is gzip', async () => {
      const res = await fetch(`${server.url}/v3/directline/tokens/generate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: gzipSync(JSON.stringify({ user: { id: 'dl_gzip' } })),
      });
      expect(res.status).toBe(200);
    });
  });

  describe('static assets', () => {
    it.each([['/agent/assets/console.js'], ['/widget/assets/chat.js'], ['/widget/assets/webchat.js']])(
      'answers an unsatisfiable Range on %s with 416 and the Content-Range it can serve',
      async (path) => {
        const res = await fetch(`${server.url}${path}`, { headers: { range: 'bytes=99999999999-' } });
        expect(res.status).toBe(416);
        expect(res.headers.get('content-range')).toMatch(/^bytes \*\/\d+$/);
      },
    );

    it('still serves a satisfiable Range with 206', async () => {
      const res = await fetch(`${server.url}/widget/assets/chat.js`, { headers: { range: 'bytes=0-9' } });
      expect(res.status).toBe(206);
      expect((await res.text()).length).toBe(10);
    });
  });

  describe('activity fields of the wrong type', () => {
    it.each([
      ['a locale that is a number', { type: 'message', text: 'hi', locale: 42 }, /"\/locale" must be a string/],
      ['attachments that are strings', { type: 'message', attachments: ['x'] }, /"\/attachments\/0" must be an object/],
      [
        'a display name that is an object',
        { type: 'message', text: 'hi', from: { id: 'u', name: {} } },
        /"\/from\/name" must be a string or null/,
      ],
    ])('refuses a Direct Line activity with %s with 400 naming the field', async (_name, body, problem) => {
      const conversation = await startConversation(server.url);
      const res = await postActivity(server.url, conversation, body);
      expect(res.status).toBe(400);
      expect((res.body as ErrorBody).error.message).toMatch(problem);
    });
  });

  describe('deeply nested JSON', () => {
    it('refuses a Direct Line activity with 5,000 levels of channelData with 400 and keeps serving', async () => {
      const conversation = await startConversation(server.url);
      const res = await postActivity(
        server.url,
        conversation,
        `{"type":"message","text":"hi","channelData":${nestedJson(5_000)}}`,
      );
      expect(res.status).toBe(400);
      expect((res.body as ErrorBody).error.message).toMatch(
        new RegExp(`nested more than ${MAX_JSON_DEPTH} levels deep at "/channelData/a/a`),
      );
      await stillServing();
    });

    it('refuses deep nesting on /api/messages and in arrays too', async () => {
      const value = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
      const res = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"type":"message","from":{"id":"u"},"conversation":{"id":"c"},"deliveryMode":"expectReplies","value":${value}}`,
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.message).toMatch(/at "\/value\/0\/0/);
    });

    it(`accepts channelData nested ${MAX_JSON_DEPTH - 2} levels deep`, async () => {
      const conversation = await startConversation(server.url);
      const res = await postActivity(
        server.url,
        conversation,
        `{"type":"event","name":"deep","channelData":${nestedJson(MAX_JSON_DEPTH - 2)}}`,
      );
      expect(res.status).toBe(200);
    });
  });
});
