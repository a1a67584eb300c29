import directLineJs, { type DirectLine as DirectLineClient, type Message } from 'botframework-directlinejs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { generateToken, type WireActivity } from '../helpers/directline.ts';
import { NodeXMLHttpRequest } from '../helpers/node-xhr.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

const { DirectLine, ConnectionStatus } = directLineJs;

// DirectLineJS uses the browser's XMLHttpRequest (through RxJS) and WebSocket globals; Node 20 has neither.
const globals = globalThis as { XMLHttpRequest?: unknown; WebSocket?: unknown };
const saved = { XMLHttpRequest: globals.XMLHttpRequest, WebSocket: globals.WebSocket };

function firstValue<T>(observable: {
  subscribe(observer: { next(value: T): void; error(error: unknown): void }): unknown;
}): Promise<T> {
  return new Promise((resolve, reject) => observable.subscribe({ next: resolve, error: reject }));
}

describe('botframework-directlinejs against our Direct Line endpoint', () => {
  let server: RunningApp;
  const clients: DirectLineClient[] = [];
  const failures: unknown[] = [];

  beforeAll(async () => {
    globals.XMLHttpRequest = NodeXMLHttpRequest;
    globals.WebSocket = WebSocket;
    server = await startApp();
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.end();
    expect(failures.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await server.stop();
    globals.XMLHttpRequest = saved.XMLHttpRequest;
    globals.WebSocket = saved.WebSocket;
  });

  function connect(options: { token: string; conversationId?: string; webSocket: boolean }): {
    client: DirectLineClient;
    received: WireActivity[];
  } {
    const client = new DirectLine({ ...options, domain: `${server.url}/v3/directline`, pollingInterval: 200 });
    clients.push(client);
    const received: WireActivity[] = [];
    client.activity$.subscribe({
      // DirectLineJS's Activity type lacks fields the wire format has (replyToId on every type, role).
      next: (activity) => received.push(activity as unknown as WireActivity),
      // end() makes the stream error with "conversation ended"; anything else fails the test.
      error: (error: unknown) => {
        if (!(error instanceof Error && error.message === 'conversation ended')) failures.push(error);
      },
    });
    return { client, received };
  }

  const replyTo = (received: WireActivity[], id: string): WireActivity | undefined =>
    received.find((a) => a.type === 'message' && a.replyToId === id && a.from.role === 'bot');

  it.each([
    ['polling (webSocket: false)', false],
    ['the WebSocket stream', true],
  ])('posts a message and receives the echo and the bot reply over %s', async (_name, webSocket) => {
    const { token, conversationId } = await generateToken(server.url, { user: { id: 'dl_client' } });
    const { client, received } = connect({ token, webSocket });
    const message: Message = { type: 'message', from: { id: 'dl_client' }, text: 'where is my order?' };
    const id = await firstValue<string>(client.postActivity(message));

    expect(id.startsWith(`${conversationId}|`)).toBe(true);
    await expect.poll(() => replyTo(received, id) !== undefined, { timeout: 10_000 }).toBe(true);
    expect(received.find((a) => a.id === id)).toMatchObject({ text: 'where is my order?', from: { id: 'dl_client' } });
    expect(client.connectionStatus$.getValue()).toBe(ConnectionStatus.Online);
  });

  it('resumes a conversation with its token and id and replays the history, as a reloaded page does', async () => {
    const { token, conversationId } = await generateToken(server.url, { user: { id: 'dl_resume' } });
    const first = connect({ token, webSocket: false });
    const id = await firstValue<string>(
      first.client.postActivity({ type: 'message', from: { id: 'dl_resume' }, text: 'how do I return an item?' }),
    );
    await expect.poll(() => replyTo(first.received, id) !== undefined, { timeout: 10_000 }).toBe(true);
    first.client.end();

    const second = connect({ token, conversationId, webSocket: true });
    await expect.poll(() => replyTo(second.received, id) !== undefined, { timeout: 10_000 }).toBe(true);
    // Both saw the same transcript from its start; either may have seen more of it (the bot's
    // "Did this help?" can arrive in a later poll than its answer, after the first client ended).
    const seenByBoth = Math.min(first.received.length, second.received.length);
    expect(seenByBoth).toBeGreaterThanOrEqual(first.received.findIndex((a) => a.id === id) + 1);
    expect(second.received.map((a) => a.id).slice(0, seenByBoth)).toEqual(
      first.received.map((a) => a.id).slice(0, seenByBoth),
    );
    expect(second.received.find((a) => a.id === id)?.text).toBe('how do I return an item?');
  });
});
