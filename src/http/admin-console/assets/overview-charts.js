// @ts-check
// The overview's four charts, drawn by Chart.js on canvases (no HTML strings: Chart.js draws
// pixels and sets only canvas sizes and styles through the DOM API). Each canvas also gets a
// one-line aria-label; the full numbers are in the tables of overview-tables.js.
/** @import { ReportSummaryJson } from './report-api.types.js' */
/** @import { ChartConstructor } from './chart-library.types.js' */
import { complaintCategories } from './overview-tables.js';

/** The console's palette (console.css), so the charts match the page. */
const COLORS = ['#0063b1', '#15803d', '#c2410c', '#7c3aed', '#b91c1c', '#4b5563'];

/** The CSAT ratings, worst first. */
const RATINGS = /** @type {const} */ (['1', '2', '3', '4', '5']);

/** The rates of the series, as lines; null (nothing to divide by) is a gap, never 0. */
const RATE_LINES = /** @type {const} */ ([
  ['answerRate', 'Answered'],
  ['botResolutionRate', 'Bot resolution'],
  ['handoffRate', 'Handoff'],
  ['helpfulRate', 'Helpful'],
  ['csatScore', 'CSAT'],
  ['negativeShare', 'Negative'],
]);

// The axis shows "8 Nov"; the tables give the full date. The date is a calendar day, so UTC.
const SHORT_DATE = new Intl.DateTimeFormat([], { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** @param {string} date `YYYY-MM-DD` */
const shortDate = (date) => {
  const day = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(day.getTime()) ? date : SHORT_DATE.format(day);
};

/** @param {number | null} rate */
const toPercent = (rate) => (rate === null ? null : Math.round(rate * 1000) / 10);

/**
 * The canvases the overview draws on.
 *
 * @typedef {{ volume: HTMLCanvasElement, rates: HTMLCanvasElement, csat: HTMLCanvasElement, complaints: HTMLCanvasElement }} OverviewCanvases
 */

/**
 * One sentence per canvas saying what it shows (its `aria-label`); the numbers are in the table
 * each canvas names with `aria-describedby`.
 *
 * @param {OverviewCanvases} canvases
 * @param {ReportSummaryJson} s
 */
function labelCharts(canvases, s) {
  const per = s.period.interval;
  const categories = complaintCategories(s);
  canvases.volume.setAttribute(
    'aria-label',
    `Bar chart: conversations and questions per ${per}, ${s.conversations} conversations and ${s.questions} questions in all.`,
  );
  canvases.rates.setAttribute(
    'aria-label',
    `Line chart: answer, bot resolution, handoff, helpful, CSAT and negative rates per ${per}, in percent.`,
  );
  canvases.csat.setAttribute(
    'aria-label',
    `Bar chart: CSAT ratings, ${RATINGS.map((r) => `${r}: ${s.csat.distribution[r]}`).join(', ')}.`,
  );
  canvases.complaints.setAttribute(
    'aria-label',
    categories.length === 0
      ? 'Bar chart: no complaints in this period.'
      : `Bar chart: complaints by category, ${categories.map(([c, n]) => `${c}: ${n}`).join(', ')}.`,
  );
}

/**
 * Draws the overview's charts for `s` and labels each canvas; returns them to destroy before
 * the next draw (Chart.js refuses a second chart on a canvas in use).
 *
 * @param {ChartConstructor} Chart
 * @param {OverviewCanvases} canvases
 * @param {ReportSummaryJson} s
 */
export function drawOverviewCharts(Chart, canvases, s) {
  // No animation: the page shows the numbers at once, and screenshots and tests see the final frame.
  const common = /** @type {const} */ ({
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { position: 'bottom' } },
  });
  const labels = s.series.map((p) => shortDate(p.date));
  const categories = complaintCategories(s);
  labelCharts(canvases, s);
  return [
    new Chart(canvases.volume, {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: 'Conversations', data: s.series.map((p) => p.conversations), backgroundColor: COLORS[0] },
          { label: 'Questions', data: s.series.map((p) => p.questions), backgroundColor: COLORS[1] },
        ],
      },
      options: { ...common, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }),
    new Chart(canvases.rates, {
      type: 'line',
      data: {
        labels,
        datasets: RATE_LINES.map(([key, label], i) => ({
          label,
          data: s.series.map((p) => toPercent(p[key])),
          borderColor: COLORS[i],
          backgroundColor: COLORS[i],
          spanGaps: false,
        })),
      },
      options: { ...common, scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } } },
    }),
    new Chart(canvases.csat, {
      type: 'bar',
      data: {
        labels: RATINGS.map((r) => `${r} ★`),
        datasets: [{ label: 'Ratings', data: RATINGS.map((r) => s.csat.distribution[r]), backgroundColor: COLORS[0] }],
      },
      options: {
        ...common,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    }),
    new Chart(canvases.complaints, {
      type: 'bar',
      data: {
        labels: categories.map(([c]) => c),
        datasets: [{ label: 'Complaints', data: categories.map(([, n]) => n), backgroundColor: COLORS[2] }],
      },
      options: {
        ...common,
        indexAxis: 'y',
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    }),
  ];
}
