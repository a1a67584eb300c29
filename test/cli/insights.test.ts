import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Suggestion } from '../../src/insights/suggestion.ts';
import { runCli } from '../helpers/cli.ts';
import { directLine, startConversation } from '../helpers/directline.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import {
  FIXTURE_KNOWLEDGE_DIR,
  makeTempDir,
  SHARED_KNOWLEDGE_CACHE_DIR,
  testDatabaseUrl,
} from '../helpers/test-config.ts';

/** Questions the fixture knowledge cannot answer; some asked twice so groups differ in size. */
const MISSES = [
  'quokka shipment astrology chart',
  'quokka shipment astrology chart',
  'zebra telepathy marmalade',
  'narwhal gorgonzola sonnet',
  'narwhal gorgonzola sonnet',
  'narwhal gorgonzola sonnet',
];

describe('answerdesk insights', { timeout: 120_000 }, () => {
  let server: RunningApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startApp();
    for (const text of MISSES) {
      const conversation = await startConversation(server.url);
      const res = await directLine(
        server.url,
        'POST',
        `/conversations/${conversation.conversationId}/activities`,
        conversation.token,
        { type: 'message', text },
      );
      expect(res.status).toBe(200);
    }
    // Read next to the running server, as an admin would on the same host.
    env = {
      DATABASE_URL: testDatabaseUrl(server.dir),
      KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE_DIR,
      KNOWLEDGE_CACHE_DIR: SHARED_KNOWLEDGE_CACHE_DIR,
      LOG_LEVEL: 'silent',
    };
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('prints with --json exactly the suggestions the admin API gives, largest first, cut at --limit', async () => {
    const served = await server.app.insights.suggestions();
    expect(served.length).toBeGreaterThan(2);
    const run = await runCli(['insights', '--json', '--limit', '2'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const printed = JSON.parse(run.stdout) as { suggestions: Suggestion[] };
    expect(printed.suggestions).toEqual(JSON.parse(JSON.stringify(served.slice(0, 2))));
    expect(printed.suggestions[0]?.phrasings[0]).toEqual({ text: 'narwhal gorgonzola sonnet', count: 3 });
  });

  it('prints a table of the top groups: size, action, entry, top phrasings', async () => {
    const run = await runCli(['insights'], env);
    expect(run.status).toBe(0);
    const served = await server.app.insights.suggestions();
    const total = served.reduce((sum, s) => sum + s.count, 0);
    expect(run.stdout).toContain(`${served.length} groups of missed questions (${total} messages)`);
    const lines = run.stdout.split('\n');
    expect(lines[1]).toMatch(/^#\s+SIZE\s+ACTION\s+ENTRY\s+REASONS\s+TOP PHRASINGS\s+ID$/);
    expect(lines[2]).toMatch(
      /^1\s+3\s+(add-phrasings|new-entry|out-of-scope)\s+\S+\s+\S+\s+"narwhal gorgonzola sonnet" x3/,
    );
    expect(run.stdout).toContain('"quokka shipment astrology chart" x2');
  });

  it.each([
    [['--limit', '0'], /--limit: a whole number from 1 to 1000 \(got "0"\)/],
    [['--limit', 'ten'], /--limit: a whole number from 1 to 1000 \(got "ten"\)/],
  ])('refuses %j naming the option', async (args, message) => {
    const run = await runCli(['insights', ...args], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
  });

  it('says so when there is no database yet, and creates none', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const missing = path.join(dir, 'none', 'answerdesk.sqlite');
      const run = await runCli(['insights'], { ...env, DATABASE_URL: `file:${missing}` });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`${missing} does not exist`);
      expect(existsSync(path.dirname(missing))).toBe(false);
    } finally {
      cleanup();
    }
  });
});
