import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentConsoleRoutes } from '../../src/http/agent-console/agent-console.routes.ts';
import { createHttpApp } from '../../src/http/create-http-app.ts';
import { listen, type RunningServer } from '../../src/http/http-server.ts';
import { createLogger } from '../../src/logging/logger.ts';

const ASSETS_DIR = path.resolve(import.meta.dirname, '../../src/http/agent-console/assets');

function configBlock(html: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="agent-console-config">(.*?)<\/script>/s.exec(html);
  if (match?.[1] === undefined) throw new Error('no config block in the page');
  return JSON.parse(match[1]) as Record<string, unknown>;
}

describe('agent console page and assets', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await listen(createHttpApp([agentConsoleRoutes({ pageSize: 500 })], createLogger('silent')), 0, '127.0.0.1');
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
      expect.arrayContaining(["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "require-trusted-types-for 'script'", "trusted-types 'none'"]),
    );
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|nonce-/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    // The page script is a file; the only inline script element is the JSON data block, which never runs.
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="application/json" id="agent-console-config">', '<script src="/agent/assets/console.js" defer>']);
    // The API caps a page at 100, so the console never asks for more.
    expect(configBlock(html)).toEqual({ apiPath: '/api/agent', pollMs: 2000, pageSize: 100 });
  });

  it.each([
    ['console.js', /^text\/javascript/],
    ['console.css', /^text\/css/],
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
  });

  it('never writes HTML from script: no innerHTML, outerHTML, insertAdjacentHTML, document.write or eval', () => {
    const script = fs.readFileSync(path.join(ASSETS_DIR, 'console.js'), 'utf8');
    expect(script).not.toMatch(/\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|createContextualFragment|DOMParser/);
  });
});
