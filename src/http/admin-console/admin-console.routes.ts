import path from 'node:path';
import express, { type Router } from 'express';
import { serveConsoleAssets, serveConsoleFile, serveConsolePage } from '../agent-console/console-routes.ts';
import { renderAdminConsolePage } from './admin-console.page.ts';
import type { AdminConsoleClientConfig } from './assets/admin-config.types.d.ts';
import { CHART_LIBRARY_URL, chartLibraryFile } from './chart-library.ts';

/** The two asset folders the page loads from, by the URL folder that mirrors each under `/admin/`. */
const ASSET_DIRS = {
  'admin-console': path.join(import.meta.dirname, 'assets'),
  // The agent console's sign-in, API client, DOM helpers and stylesheet, reused as they are.
  'agent-console': path.join(import.meta.dirname, '..', 'agent-console', 'assets'),
} as const;

/**
 * The admin pages: `GET /admin` (the overview, the inbox and the knowledge view) and their assets,
 * Chart.js included (from our `node_modules`, see `chart-library.ts`). Assets are
 * served at `/admin/<folder>/assets/<file>` for `src/http/<folder>/assets/<file>`: the URL tree
 * mirrors the source tree, so an admin module's relative import of an agent console module
 * (`../../agent-console/assets/dom.js`) resolves the same in the browser, in `tsc` and in the
 * linters, and the agent console's modules are reused, not copied. The page holds no data: the
 * scripts sign in with an admin token and use `/api/admin`. Same policy as the agent console
 * (scripts from this server only, Trusted Types with no policy, never framed).
 */
export function adminConsoleRoutes(): Router {
  const config: AdminConsoleClientConfig = {
    agentApiPath: '/api/agent',
    adminApiPath: '/api/admin',
    chartLibraryUrl: CHART_LIBRARY_URL,
  };
  const html = renderAdminConsolePage(config);
  const router = express.Router();
  serveConsolePage(router, '/admin', html);
  for (const [folder, dir] of Object.entries(ASSET_DIRS)) serveConsoleAssets(router, `/admin/${folder}/assets`, dir);
  serveConsoleFile(router, CHART_LIBRARY_URL, chartLibraryFile());
  return router;
}
