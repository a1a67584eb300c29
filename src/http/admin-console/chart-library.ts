import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../../shared/app.error.ts';

/** Where the admin pages load Chart.js from: this server, never a CDN. */
export const CHART_LIBRARY_URL = '/admin/vendor/chart.umd.js';

/**
 * Chart.js's self-contained browser build (UMD: one file, no imports, sets `globalThis.Chart`) in
 * our own `node_modules`, so it is served at the installed version and needs no copy in the build.
 * Its ES module build imports the bare specifier `@kurkle/color`, which a browser can resolve only
 * through an inline import map, and the page's policy allows no inline script.
 *
 * @throws AppError (`asset_missing`) when the installed package has no such file, at start.
 */
export function chartLibraryFile(): string {
  // The package's "exports" hide dist/ files other than its entries: go from its CommonJS entry.
  const main = createRequire(import.meta.url).resolve('chart.js');
  const file = path.join(path.dirname(main), 'chart.umd.js');
  if (!fs.existsSync(file)) {
    throw new AppError('asset_missing', `chart.js: ${file} is missing; reinstall the dependencies (npm ci)`);
  }
  return file;
}
