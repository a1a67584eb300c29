import path from 'node:path';
import express, { type Router } from 'express';
import { MAX_PAGE_SIZE } from '../agent-api/agent-api.input.ts';
import { renderAgentConsolePage } from './agent-console.page.ts';
import type { AgentConsoleClientConfig } from './assets/console-config.types.d.ts';
import { serveConsoleAssets, serveConsolePage } from './console-routes.ts';

const ASSETS_DIR = path.join(import.meta.dirname, 'assets');

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
  serveConsolePage(router, '/agent', html);
  serveConsoleAssets(router, '/agent/assets', ASSETS_DIR);
  return router;
}
