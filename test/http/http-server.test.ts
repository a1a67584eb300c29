import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import express from 'express';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ListenError, listen } from '../../src/http/http-server.ts';
import { createApp } from '../../src/index.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { openDatabase } from '../../src/store/database.ts';
import { makeTempDir, testConfig } from '../helpers/test-config.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

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

  it('says what to change for each way a listen is refused, and passes other errors on as they are', () => {
    const refusal = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });
    const said = (code: string, host: string, port: number) => ListenError.from(refusal(code), host, port).message;
    expect(said('EACCES', '0.0.0.0', 80)).toBe(
      'Cannot listen on 0.0.0.0:80: not allowed (ports below 1024 need privileges). Set PORT to 1024 or above.',
    );
    expect(said('EACCES', '0.0.0.0', 8080)).toBe(
      'Cannot listen on 0.0.0.0:8080: the system does not allow this process to use that port. Set PORT to another port.',
    );
    expect(said('EADDRINUSE', '::1', 3978)).toMatch(/^Cannot listen on \[::1\]:3978: the port is already in use/);
    expect(said('ENOTFOUND', 'bot.internal', 3978)).toBe(
      'Cannot listen on bot.internal:3978: no address is known for the host name "bot.internal". Set HOST to an address of this machine, or 0.0.0.0 for all.',
    );
    const other = refusal('EMFILE');
    expect(ListenError.from(other, '0.0.0.0', 3978)).toBe(other);
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

  // SQLite only: the file's descriptors are what shows the connection is closed.
  it.skipIf(ON_POSTGRES || !fs.existsSync('/proc/self/fd'))(
    'closes the database when a step after opening it fails, so the caller has nothing left open',
    async () => {
      const { dir, cleanup } = makeTempDir();
      try {
        // A database whose Direct Line key table is gone: opening it works, the step after it fails.
        const config = testConfig(dir, { DIRECTLINE_SECRET: '' });
        const broken = await openDatabase(config.databasePath);
        await sql`drop table directline_key`.execute(broken);
        await broken.destroy();
        const databaseFiles = (): string[] =>
          fs
            .readdirSync('/proc/self/fd')
            .map((fd) => {
              try {
                return fs.readlinkSync(path.join('/proc/self/fd', fd));
              } catch {
                return '';
              }
            })
            .filter((target) => target.startsWith(path.resolve(config.databasePath)));
        expect(databaseFiles()).toEqual([]);

        await expect(createApp(config, createLogger('silent'))).rejects.toThrow(/directline_key/);
        expect(databaseFiles()).toEqual([]);
      } finally {
        cleanup();
      }
    },
  );
});
