/*
 * The Chart.js the overview loads from this server (`/admin/vendor/chart.umd.js`, the package's
 * UMD build, which registers every chart type, scale and plugin): its types are the package's own.
 */
import type { Chart } from 'chart.js';

/** The `Chart` class the UMD build puts on `globalThis`. */
export type ChartConstructor = typeof Chart;
