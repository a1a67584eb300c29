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
  for (const asset of assets) {
    router.get(`${urlPrefix}/${asset}`, (_req, res, next) => {
      res.set('X-Content-Type-Options', 'nosniff');
      // Revalidated on each load (cheap with the ETag), so a deploy shows up at once.
      res.sendFile(
        path.join(dir, asset),
        { cacheControl: false, headers: { 'Cache-Control': 'no-cache' } },
        (err) => err && next(err),
      );
    });
  }
}
