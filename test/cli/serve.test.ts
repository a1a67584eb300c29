import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { messageActivity, postJson } from '../helpers/activity.ts';
import { runCli, startServeProcess } from '../helpers/cli.ts';
import {
  FIXTURE_KNOWLEDGE_DIR,
  makeTempDir,
  SHARED_KNOWLEDGE_CACHE_DIR,
  TEST_SERVER_ENV,
} from '../helpers/test-config.ts';

describe('answerdesk serve', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('starts, answers /healthz and /api/messages, and exits 0 on SIGTERM after closing the database', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const { child, url, logs } = await startServeProcess({
      DATABASE_URL: `file:${path.join(dir, 'nested/db.sqlite')}`,
    });
    try {
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      // The pages' files the server reads next to its code (dist/ when built) and Chart.js from node_modules.
      for (const file of ['/admin', '/admin/admin-console/assets/overview.view.js', '/admin/vendor/chart.umd.js']) {
        expect([file, (await fetch(`${url}${file}`)).status]).toEqual([file, 200]);
      }
      const reply = await postJson(`${url}/api/messages`, messageActivity('hello', { deliveryMode: 'expectReplies' }));
      expect(reply.status).toBe(200);
      expect(logs()).toContain('UNAUTHENTICATED MODE');
      // Log lines are written asynchronously: give the turn line a moment to arrive.
      await expect.poll(logs, { timeout: 5_000 }).toMatch(/"conversationId":"conv-1".*"msg":"turn"/);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(logs()).toContain('"msg":"stopped"');
  });

  it('exits 1 with what to change when the port is taken, instead of staying up half started', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => other.close());
    const { port } = other.address() as net.AddressInfo;
    // Before the fix the process printed the error and then hung on its open knowledge watcher and
    // database until killed: runCli's timeout would end it with no status.
    const result = await runCli(['serve'], {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${path.join(dir, 'db.sqlite')}`,
      KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE_DIR,
      KNOWLEDGE_CACHE_DIR: SHARED_KNOWLEDGE_CACHE_DIR,
      ...TEST_SERVER_ENV,
    });
    expect(result.stderr).toContain(
      `answerdesk: Cannot listen on 127.0.0.1:${port}: the port is already in use (another answerdesk, or another program). Set PORT to a free port or stop the other server.`,
    );
    expect(result.stderr).not.toContain('unexpected error');
    expect(result.status).toBe(1);
  });

  it('refuses to start with one message listing every bad variable and a non-zero exit', async () => {
    const result = await runCli(['serve'], { PORT: 'abc', LOG_LEVEL: 'chatty' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('PORT must be a whole number from 0 to 65535 (got "abc")');
    expect(result.stderr).toContain('LOG_LEVEL must be one of');
  });
});

describe('answerdesk --help', () => {
  it.each([[['--help']], [['serve', '--help']]])('prints usage for %j and exits 0', async (args) => {
    const result = await runCli(args);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Usage: answerdesk/);
  });

  it('rejects an unknown subcommand with a non-zero exit', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/unknown command/);
  });
});
