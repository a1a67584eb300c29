import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SEARCH_LENGTH } from '../../src/http/agent-api/agent-api.input.ts';
import { renderAgentConsolePage } from '../../src/http/agent-console/agent-console.page.ts';
import { agentConsoleRoutes } from '../../src/http/agent-console/agent-console.routes.ts';
import { createHttpApp } from '../../src/http/create-http-app.ts';
import { listen, type RunningServer } from '../../src/http/http-server.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { MAX_NOTE_LENGTH } from '../../src/tickets/ticket-input.ts';

const ASSETS_DIR = path.resolve(import.meta.dirname, '../../src/http/agent-console/assets');
/** The ES modules beside the entry module `console.js`. */
const MODULES = fs
  .readdirSync(ASSETS_DIR)
  .filter((name) => name.endsWith('.js') && name !== 'console.js')
  .sort();

function configBlock(html: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="agent-console-config">(.*?)<\/script>/s.exec(html);
  if (match?.[1] === undefined) throw new Error('no config block in the page');
  return JSON.parse(match[1]) as Record<string, unknown>;
}

describe('agent console page and assets', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await listen(
      createHttpApp([agentConsoleRoutes({ pageSize: 500 })], createLogger('silent')),
      0,
      '127.0.0.1',
    );
  });
  afterAll(async () => {
    await server.close();
  });

  it('serves /agent with a strict policy: own scripts only, Trusted Types with no policy, never framed', async () => {
    const res = await fetch(`${server.url}/agent`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp.split('; ')).toEqual(
      expect.arrayContaining([
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "require-trusted-types-for 'script'",
        "trusted-types 'none'",
      ]),
    );
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|nonce-/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    // The page script is a file (an ES module); the only inline script element is the JSON data block, which never runs.
    expect(html.match(/<script\b[^>]*>/g)).toEqual([
      '<script type="application/json" id="agent-console-config">',
      '<script type="module" src="/agent/assets/console.js">',
    ]);
    // The note, reply and search limits are filled in from the server's constants; no placeholder is left.
    expect(html.match(/maxlength="\d+"/g)).toEqual([
      `maxlength="${MAX_SEARCH_LENGTH}"`,
      `maxlength="${MAX_NOTE_LENGTH}"`,
      `maxlength="${MAX_SEARCH_LENGTH}"`,
      `maxlength="${MAX_NOTE_LENGTH}"`,
    ]);
    expect(html).not.toMatch(/\{\{\w+\}\}/);
    // The API caps a page at 100, so the console never asks for more.
    expect(configBlock(html)).toEqual({ apiPath: '/api/agent', pollMs: 2000, pageSize: 100 });
  });

  it.each<readonly [string, RegExp]>([
    ['console.js', /^text\/javascript/],
    ['console.css', /^text\/css/],
    ...MODULES.map((name) => [name, /^text\/javascript/] as const),
  ])('serves %s with its type, nosniff and revalidation', async (asset, type) => {
    const res = await fetch(`${server.url}/agent/assets/${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers 404 for any other asset', async () => {
    expect((await fetch(`${server.url}/agent/assets/../agent-console.routes.ts`)).status).toBe(404);
    expect((await fetch(`${server.url}/agent/assets/other.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/agent/assets/agent-api.types.d.ts`)).status).toBe(404);
    expect((await fetch(`${server.url}/agent/assets/agent-console.html`)).status).toBe(404);
  });

  it('serves every module that console.js imports, directly or not', async () => {
    const imported = new Set<string>();
    const pending = ['console.js'];
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      const res = await fetch(`${server.url}/agent/assets/${name}`);
      expect(res.status, name).toBe(200);
      for (const [, target] of (await res.text()).matchAll(/^import [^'"]*'\.\/([\w.-]+\.js)';$/gm)) {
        if (target !== undefined && !imported.has(target)) pending.push(target);
        if (target !== undefined) imported.add(target);
      }
    }
    expect([...imported].sort()).toEqual(MODULES);
  });

  it.each(['console.js', ...MODULES])(
    'never writes HTML from script (%s): no innerHTML, outerHTML, insertAdjacentHTML, document.write or eval',
    (name) => {
      const script = fs.readFileSync(path.join(ASSETS_DIR, name), 'utf8');
      expect(script).not.toMatch(
        /\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|createContextualFragment|DOMParser/,
      );
    },
  );

  it.each(['console.js', ...MODULES])('type-checks %s (// @ts-check, run by the typecheck script)', (name) => {
    expect(fs.readFileSync(path.join(ASSETS_DIR, name), 'utf8')).toMatch(/^\/\/ @ts-check\n/);
  });
});

describe('renderAgentConsolePage', () => {
  it('refuses a page file that lost a placeholder, naming the file and the placeholder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-console-page-'));
    const file = path.join(dir, 'page.html');
    fs.writeFileSync(file, '<script type="application/json" id="agent-console-config">{{config}}</script>');
    try {
      expect(() => renderAgentConsolePage({ apiPath: '/api/agent', pollMs: 1, pageSize: 1 }, file)).toThrow(
        `${file}: the page has no {{maxNoteLength}}, {{maxSearchLength}} placeholder`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('puts a config value in as it is, even one that looks like a replacement pattern', () => {
    const html = renderAgentConsolePage({ apiPath: "/api/$&$'$`", pollMs: 1, pageSize: 1 });
    expect(configBlock(html)).toEqual({ apiPath: "/api/$&$'$`", pollMs: 1, pageSize: 1 });
  });
});
