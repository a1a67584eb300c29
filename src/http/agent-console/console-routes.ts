import fs from 'node:fs';
import path from 'node:path';
import type { Router } from 'express';
import { agentConsoleContentSecurityPolicy } from './agent-console.page.ts';

/**
 * The one way the consoles (agent and admin) serve their page and their assets, so both keep the
 * same policy: the page with the strict CSP (scripts from this server only, Trusted Types with no
 * policy), never cached, never framed; the assets `nosniff` and revalidated on each load.
 */
export function serveConsolePage(router: Router, url: string, html: string): void {
  router.get(url, (_req, res) => {
    res.set({
      'Content-Security-Policy': agentConsoleContentSecurityPolicy(),
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
    });
    res.type('html').send(html);
  });
}

/**
 * Serves every stylesheet and ES module of `dir` (listed once, here; `*.d.ts` are for `tsc` only)
 * at `<urlPrefix>/<file>`.
 */
export function serveConsoleAssets(router: Router, urlPrefix: string, dir: string): void {
  const assets = fs
    .readdirSync(dir)
    .filter((name) => /^[\w.-]+\.(?:js|css)$/.test(name))
    .sort();
  for (const asset of assets) serveConsoleFile(router, `${urlPrefix}/${asset}`, path.join(dir, asset));
}

/**
 * Serves one file at `url` under the assets' policy: `nosniff`, revalidated on each load (cheap
 * with the ETag), so a deploy shows up at once. For a file that lives outside the asset folders
 * (a library's browser build in `node_modules`).
 */
export function serveConsoleFile(router: Router, url: string, file: string): void {
  router.get(url, (_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    res.sendFile(file, { cacheControl: false, headers: { 'Cache-Control': 'no-cache' } }, (err) => err && next(err));
  });
}
