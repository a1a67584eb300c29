import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAdminConsolePage } from '../../src/http/admin-console/admin-console.page.ts';
import { CHART_LIBRARY_URL } from '../../src/http/admin-console/chart-library.ts';
import { agentConsoleContentSecurityPolicy } from '../../src/http/agent-console/agent-console.page.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { makeTempDir } from '../helpers/test-config.ts';

const ADMIN_ASSETS = path.resolve(import.meta.dirname, '../../src/http/admin-console/assets');
const AGENT_ASSETS = path.resolve(import.meta.dirname, '../../src/http/agent-console/assets');
const served = (dir: string) => fs.readdirSync(dir).filter((name) => /\.(js|css)$/.test(name));

describe('admin page and its assets', () => {
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp();
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("serves /admin under the agent console's policy, with its config and no data", async () => {
    const res = await fetch(`${server.url}/admin`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(agentConsoleContentSecurityPolicy());
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain(
      '<script type="application/json" id="admin-console-config">{"agentApiPath":"/api/agent","adminApiPath":"/api/admin","chartLibraryUrl":"/admin/vendor/chart.umd.js"}</script>',
    );
    expect(html).toContain('<script type="module" src="/admin/admin-console/assets/admin.js"></script>');
    expect(html).not.toContain('{{');
  });

  it.each([
    ...served(ADMIN_ASSETS).map((name) => `/admin/admin-console/assets/${name}`),
    ...served(AGENT_ASSETS).map((name) => `/admin/agent-console/assets/${name}`),
  ])('serves %s, the URL mirroring its source folder, with its type and nosniff', async (url) => {
    const res = await fetch(`${server.url}${url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(url.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const source = url.includes('/admin-console/') ? ADMIN_ASSETS : AGENT_ASSETS;
    expect(await res.text()).toBe(fs.readFileSync(path.join(source, path.basename(url)), 'utf8'));
  });

  it("serves Chart.js's browser build from this server's node_modules under the assets' policy", async () => {
    const require = createRequire(import.meta.url);
    const file = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.js');
    const res = await fetch(`${server.url}${CHART_LIBRARY_URL}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const body = await res.text();
    expect(body).toBe(fs.readFileSync(file, 'utf8'));
    expect(body).toMatch(/^\/\*!\n \* Chart\.js v4\./);
    expect(res.headers.get('etag')).toMatch(/^W\/"/);
  });

  it.each([
    '/admin/vendor/chart.js',
    '/admin/vendor/chart.umd.js.map',
    '/admin/vendor/../vendor/chart.cjs',
    '/admin/admin-console/assets/admin-api.types.d.ts',
    '/admin/admin-console/assets/../admin-console.html',
    '/admin/agent-console/assets/../agent-console.routes.ts',
    '/admin/widget/assets/chat.js',
    '/admin/assets/admin.js',
  ])('answers 404 for %s', async (url) => {
    expect((await fetch(`${server.url}${url}`)).status).toBe(404);
  });

  it('refuses a page file without its placeholder, naming the file', () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const file = path.join(dir, 'admin-console.html');
      fs.writeFileSync(file, '<p>no config</p>');
      expect(() =>
        renderAdminConsolePage({ agentApiPath: '/a', adminApiPath: '/b', chartLibraryUrl: '/c' }, file),
      ).toThrow(`${file}: the page has no {{config}} placeholder`);
    } finally {
      cleanup();
    }
  });
});
