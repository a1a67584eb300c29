// @ts-check
/** @import { ChartConstructor } from './chart-library.types.js' */

/** @type {Map<string, Promise<ChartConstructor>>} */
const loading = new Map();

/**
 * Chart.js, loaded from this server (`url`, the config's `chartLibraryUrl`) the first time a page
 * draws a chart, so the other admin pages never fetch it. The file is Chart.js's own UMD build,
 * which sets `globalThis.Chart`; importing it as a module runs it under the page's policy
 * (scripts from this server, no eval; it assigns no HTML, so Trusted Types never object).
 *
 * @param {string} url
 * @returns {Promise<ChartConstructor>}
 */
export function loadChartLibrary(url) {
  let pending = loading.get(url);
  if (pending === undefined) {
    pending = import(url).then(() => {
      const lib = /** @type {{ Chart?: ChartConstructor }} */ (/** @type {unknown} */ (globalThis)).Chart;
      if (lib === undefined) throw new Error(`admin overview: ${url} did not define Chart`);
      return lib;
    });
    // A failed load (server restarting) is tried again next time.
    pending.catch(() => loading.delete(url));
    loading.set(url, pending);
  }
  return pending;
}
