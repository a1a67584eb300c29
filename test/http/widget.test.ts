import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEmbedScript } from '../../src/http/widget/embed-script.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

const ASSETS_DIR = path.resolve(import.meta.dirname, '../../src/http/widget/assets');
/** The ES modules beside the entry module `chat.js` (embed.js is the classic snippet). */
const MODULES = fs
  .readdirSync(ASSETS_DIR)
  .filter((name) => name.endsWith('.js') && name !== 'chat.js' && name !== 'embed.js')
  .sort();

const HOSTILE_NAME = '</script><script>alert(1)</script>';

function configBlock(html: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="answerdesk-widget-config">(.*?)<\/script>/s.exec(html);
  if (match?.[1] === undefined) throw new Error('no config block in the page');
  return JSON.parse(match[1]) as Record<string, unknown>;
}

describe('widget pages and assets', () => {
  let server: RunningApp;
  beforeAll(async () => {
    server = await startApp({
      WIDGET_BOT_NAME: 'Northwind Help',
      WIDGET_ACCENT_COLOR: '#AA3300',
      WIDGET_BOT_INITIALS: 'NH',
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('serves /widget with a strict Content-Security-Policy and a fresh nonce per response', async () => {
    const [first, second] = await Promise.all([fetch(`${server.url}/widget`), fetch(`${server.url}/widget`)]);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = first.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(first.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(first.headers.get('cache-control')).toBe('no-store');

    const config = configBlock(await first.text());
    expect(config).toEqual({
      botName: 'Northwind Help',
      accentColor: '#AA3300',
      botAvatarInitials: 'NH',
      directLinePath: '/v3/directline',
      nonce: expect.any(String) as unknown,
    });
    expect(csp).toContain(`'nonce-${String(config.nonce)}'`);
    expect(configBlock(await second.text()).nonce).not.toBe(config.nonce);
  });

  it('lets any site frame /widget/frame (the chat of the embed snippet)', async () => {
    const res = await fetch(`${server.url}/widget/frame`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(await res.text()).not.toContain('<h1>');
  });

  it('serves embed.js with the configuration, short caching and cross-origin use allowed', async () => {
    const res = await fetch(`${server.url}/widget/embed.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const body = await res.text();
    expect(body).toContain(
      'const config = /** @type {EmbedConfig} */ ({"botName":"Northwind Help","accentColor":"#AA3300"});',
    );
    // The embed builds the frame's URL from its own origin at run time: a template literal in the script.
    expect(body).toContain(['`$', '{origin}/widget/frame'].join(''));
  });

  it('serves Web Chat from node_modules with long-lived caching', async () => {
    const res = await fetch(`${server.url}/widget/assets/webchat.js?v=4`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=604800, immutable');
    expect(res.headers.get('etag')).not.toBeNull();
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
  });

  it('loads Web Chat, then the page script as an ES module: no other script element runs', async () => {
    const html = await (await fetch(`${server.url}/widget`)).text();
    expect(html.match(/<script\b[^>]*>/g)).toEqual([
      '<script type="application/json" id="answerdesk-widget-config">',
      expect.stringMatching(/^<script src="\/widget\/assets\/webchat\.js\?v=[\w.-]+" defer>$/) as unknown,
      '<script type="module" src="/widget/assets/chat.js">',
    ]);
  });

  it('serves every module that chat.js imports, directly or not, as text/javascript', async () => {
    const imported = new Set<string>();
    const pending = ['chat.js'];
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      const res = await fetch(`${server.url}/widget/assets/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type'), name).toMatch(/^text\/javascript/);
      expect(res.headers.get('x-content-type-options'), name).toBe('nosniff');
      for (const [, target] of (await res.text()).matchAll(/^import [^'"]*'\.\/([\w.-]+\.js)';$/gm)) {
        if (target !== undefined && !imported.has(target)) pending.push(target);
        if (target !== undefined) imported.add(target);
      }
    }
    expect([...imported].sort()).toEqual(MODULES);
  });

  it.each(['chat.js', 'embed.js', ...MODULES])(
    'keeps %s type-checked (// @ts-check) and free of HTML sinks',
    (name) => {
      const script = fs.readFileSync(path.join(ASSETS_DIR, name), 'utf8');
      expect(script).toMatch(/^\/\/ @ts-check\n/);
      expect(script).not.toMatch(
        /\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|createContextualFragment|DOMParser/,
      );
    },
  );

  it.each(['chat.js', 'widget.css', ...MODULES])('serves %s revalidated on each load', async (asset) => {
    const res = await fetch(`${server.url}/widget/assets/${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('etag')).not.toBeNull();
  });

  it.each([
    '/widget/assets/embed.js',
    '/widget/assets/webchat.types.d.ts',
    '/widget/assets/embed.js.map',
    '/widget/assets/..%2F..%2F..%2Fpackage.json',
    '/widget/assets/%2e%2e/widget-page.ts',
  ])('serves nothing else under the assets path (%s)', async (route) => {
    expect((await fetch(`${server.url}${route}`)).status).toBe(404);
  });
});

describe('widget with hostile configuration values', () => {
  let server: RunningApp;
  beforeAll(async () => {
    server = await startApp({ WIDGET_BOT_NAME: HOSTILE_NAME });
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each(['/widget', '/widget/frame'])('escapes the bot name in %s so it cannot end an element', async (route) => {
    const html = await (await fetch(`${server.url}${route}`)).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(configBlock(html).botName).toBe(HOSTILE_NAME);
  });

  it('escapes the bot name in embed.js', async () => {
    const body = await (await fetch(`${server.url}/widget/embed.js`)).text();
    expect(body).not.toContain('<script>alert(1)</script>');
    expect(body).toContain(
      'const config = /** @type {EmbedConfig} */ ({"botName":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",',
    );
  });
});

describe('renderEmbedScript', () => {
  it("writes a bot name with replacement patterns ($' $` $$) in as text", () => {
    const body = renderEmbedScript({ botName: "A$'B$`C$$D", accentColor: '#000000', botAvatarInitials: 'AB' });
    expect(body).toContain('({"botName":"A$\'B$`C$$D","accentColor":"#000000"});');
    expect(body.match(/@type \{EmbedConfig\}/g)).toHaveLength(1);
  });

  it('refuses a template that lost its placeholder, naming the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embed-script-'));
    const file = path.join(dir, 'embed.js');
    fs.writeFileSync(file, 'const config = {};');
    try {
      expect(() => renderEmbedScript({ botName: 'x', accentColor: '#000000', botAvatarInitials: 'X' }, file)).toThrow(
        `${file}: the snippet has no`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
