import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { MAX_PAGE_SIZE } from '../agent-api/agent-api.input.ts';
import { agentConsoleContentSecurityPolicy, renderAgentConsolePage } from './agent-console.page.ts';
import type { AgentConsoleClientConfig } from './assets/console-config.types.d.ts';

const ASSETS_DIR = path.join(import.meta.dirname, 'assets');

/**
 * The files a browser may fetch: the stylesheet and the ES modules (`console.js` and what it
 * imports), listed once at start. Type declarations (`*.d.ts`) are for `tsc` only.
 */
function servedAssets(): string[] {
  return fs
    .readdirSync(ASSETS_DIR)
    .filter((name) => /^[\w.-]+\.(?:js|css)$/.test(name))
    .sort();
}

/** How often the console re-reads the queue and the open ticket, and how many tickets a queue page shows. */
export const AGENT_CONSOLE_DEFAULTS = { pollMs: 2_000, pageSize: 50 } as const;

export interface AgentConsoleOptions {
  readonly pollMs?: number;
  readonly pageSize?: number;
}

/**
 * The agent console: `GET /agent` (the page; `/agent#T-1001` opens that ticket, which is how
 * webhook notifications link to it) and its static assets (the stylesheet and the ES modules of
 * `assets/`, `text/javascript`). The page holds no data: the scripts sign in with an agent token
 * and use the agent API under `/api/agent`. The page file is read once, here.
 */
export function agentConsoleRoutes(options: AgentConsoleOptions = {}): Router {
  const config: AgentConsoleClientConfig = {
    apiPath: '/api/agent',
    pollMs: options.pollMs ?? AGENT_CONSOLE_DEFAULTS.pollMs,
    pageSize: Math.min(options.pageSize ?? AGENT_CONSOLE_DEFAULTS.pageSize, MAX_PAGE_SIZE),
  };
  const html = renderAgentConsolePage(config);
  const router = express.Router();
  router.get('/agent', (_req, res) => {
    res.set({
      'Content-Security-Policy': agentConsoleContentSecurityPolicy(),
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
    });
    res.type('html').send(html);
  });
  for (const asset of servedAssets()) {
    router.get(`/agent/assets/${asset}`, (_req, res, next) => {
      res.set('X-Content-Type-Options', 'nosniff');
      // Revalidated on each load (cheap with the ETag), so a deploy shows up at once.
      res.sendFile(
        path.join(ASSETS_DIR, asset),
        { cacheControl: false, headers: { 'Cache-Control': 'no-cache' } },
        (err) => err && next(err),
      );
    });
  }
  return router;
}
