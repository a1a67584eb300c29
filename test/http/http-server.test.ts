import net from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { ListenError, listen } from '../../src/http/http-server.ts';
import { createApp } from '../../src/index.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { makeTempDir, testConfig } from '../helpers/test-config.ts';

/** A port some other program holds on loopback, and how to let it go. */
async function takenPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const other = net.createServer();
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const { port } = other.address() as net.AddressInfo;
  return { port, release: () => new Promise((resolve) => other.close(() => resolve())) };
}

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

describe('listen on a port it cannot have', () => {
  it('names the address and what to change when the port is taken', async () => {
    const { port, release } = await takenPort();
    try {
      const refused = await listen(express(), port, '127.0.0.1').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ListenError);
      expect((refused as Error).message).toBe(
        `Cannot listen on 127.0.0.1:${port}: the port is already in use (another answerdesk, or another program). Set PORT to a free port or stop the other server.`,
      );
      expect(((refused as Error).cause as NodeJS.ErrnoException).code).toBe('EADDRINUSE');
    } finally {
      await release();
    }
  });

  it('names an address this machine does not have', async () => {
    const refused = await listen(express(), 0, '192.0.2.1').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ListenError);
    expect((refused as Error).message).toContain('Cannot listen on 192.0.2.1:0: this machine has no such address');
  });

  it('leaves an app whose start failed stoppable: stop() closes its database', async () => {
    const { port, release } = await takenPort();
    const { dir, cleanup } = makeTempDir();
    try {
      const config = testConfig(dir, { PORT: String(port), HOST: '127.0.0.1' });
      const app = await createApp(config, createLogger('silent'));
      await expect(app.start()).rejects.toBeInstanceOf(ListenError);
      await app.stop();
      await expect(app.db.selectFrom('tickets').select('id').execute()).rejects.toThrow();
    } finally {
      await release();
      cleanup();
    }
  });
});
