import express from 'express';
import { describe, expect, it } from 'vitest';
import { listen } from '../../src/http/http-server.ts';

describe('listen', () => {
  it('closes a keep-alive socket whose response was in flight at close, without waiting out the keep-alive timeout', async () => {
    const app = express();
    app.get('/slow', (_req, res) => {
      setTimeout(() => res.send('done'), 300);
    });
    const server = await listen(app, 0, '127.0.0.1', {
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 600_000,
    });
    const answer = fetch(`${server.url}/slow`).then((res) => res.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = server.close().then(() => 'closed' as const);
    expect(await answer).toBe('done');
    const waited = new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 3_000).unref());
    expect(await Promise.race([closed, waited])).toBe('closed');
  });
});
