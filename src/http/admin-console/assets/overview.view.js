// @ts-check
/** @import { AdminApi } from './admin-api.client.js' */
/** @import { ReportSummaryJson } from './report-api.types.js' */
import { errorText, SignedOut } from '../../agent-console/assets/agent-api.client.js';
import { byId, el } from '../../agent-console/assets/dom.js';
import { loadChartLibrary } from './chart-library.js';
import { drawOverviewCharts } from './overview-charts.js';
import { commentItems, topEntriesTable, topUnansweredTable } from './overview-lists.js';
import { defaultPeriod, periodQuery, saveFile } from './overview-period.js';
import { complaintsTable, csatTable, seriesTable } from './overview-tables.js';
import { overviewTiles, renderTile } from './overview-tiles.js';

/** The overview's elements, found once. */
function overviewElements() {
  return {
    form: byId('overview-period', HTMLFormElement),
    from: byId('overview-from', HTMLInputElement),
    to: byId('overview-to', HTMLInputElement),
    interval: byId('overview-interval', HTMLSelectElement),
    csv: byId('overview-csv', HTMLButtonElement),
    status: byId('overview-status', HTMLElement),
    zone: byId('overview-zone', HTMLElement),
    tiles: byId('overview-tiles', HTMLElement),
    seriesTable: byId('chart-series-table', HTMLElement),
    csatTable: byId('chart-csat-table', HTMLElement),
    complaintsTable: byId('chart-complaints-table', HTMLElement),
    topEntries: byId('overview-top-entries', HTMLElement),
    topUnanswered: byId('overview-top-unanswered', HTMLElement),
    comments: byId('overview-comments', HTMLElement),
    canvases: {
      volume: byId('chart-volume', HTMLCanvasElement),
      rates: byId('chart-rates', HTMLCanvasElement),
      csat: byId('chart-csat', HTMLCanvasElement),
      complaints: byId('chart-complaints', HTMLCanvasElement),
    },
  };
}

/**
 * Every box `renderNumbers` fills (emptied when the period changes).
 *
 * @param {ReturnType<typeof overviewElements>} ui
 */
function numberBoxes(ui) {
  return [ui.tiles, ui.seriesTable, ui.csatTable, ui.complaintsTable, ui.topEntries, ui.topUnanswered, ui.comments];
}

/**
 * The tiles and the tables (the charts' text alternatives) for `summary`.
 *
 * @param {ReturnType<typeof overviewElements>} ui
 * @param {ReportSummaryJson} summary
 */
function renderNumbers(ui, summary) {
  ui.zone.textContent = summary.period.timeZone;
  ui.tiles.replaceChildren(...overviewTiles(summary).map(renderTile));
  ui.seriesTable.replaceChildren(seriesTable(summary));
  ui.csatTable.replaceChildren(csatTable(summary));
  ui.complaintsTable.replaceChildren(
    Object.keys(summary.complaints.byCategory).length === 0
      ? el('p', { className: 'placeholder' }, 'No complaints in this period.')
      : complaintsTable(summary),
  );
  ui.topEntries.replaceChildren(topEntriesTable(summary));
  ui.topUnanswered.replaceChildren(topUnansweredTable(summary));
  ui.comments.replaceChildren(...commentItems(summary));
}

/**
 * The overview: headline tiles, four charts and their numbers as tables for the chosen period
 * (days in the server's time zone, the last one included), and the series as a CSV download.
 * Read when the page opens and when the admin asks for another period.
 *
 * @param {{ api: AdminApi, chartLibraryUrl: string }} deps
 */
export function createOverviewView({ api, chartLibraryUrl }) {
  const ui = overviewElements();
  /** @type {{ destroy(): void }[]} */
  let charts = [];
  let generation = 0;

  const period = () => periodQuery(ui.from.value, ui.to.value, ui.interval.value);

  async function load() {
    const mine = ++generation;
    const chosen = period();
    if (!chosen.ok) {
      ui.status.textContent = chosen.message;
      return;
    }
    ui.status.textContent = 'Loading…';
    document.body.dataset.overview = 'loading';
    let res;
    let Chart;
    try {
      [res, Chart] = await Promise.all([api.reportSummary(chosen.query), loadChartLibrary(chartLibraryUrl)]);
    } catch (error) {
      if (!(error instanceof SignedOut)) ui.status.textContent = 'The server cannot be reached. Try again in a moment.';
      return;
    }
    if (mine !== generation) return;
    if (!res.ok) {
      ui.status.textContent = errorText(res, 'The report could not be read');
      document.body.dataset.overview = 'failed';
      return;
    }
    for (const chart of charts.splice(0)) chart.destroy();
    renderNumbers(ui, res.body);
    charts = drawOverviewCharts(Chart, ui.canvases, res.body);
    ui.status.textContent = '';
    document.body.dataset.overview = 'ready';
  }

  async function downloadCsv() {
    const chosen = period();
    if (!chosen.ok) {
      ui.status.textContent = chosen.message;
      return;
    }
    let res;
    try {
      res = await api.seriesCsv(chosen.query);
    } catch (error) {
      if (!(error instanceof SignedOut)) ui.status.textContent = 'The server cannot be reached. Try again in a moment.';
      return;
    }
    if (!res.ok) {
      ui.status.textContent = `The CSV could not be made (HTTP ${res.status}).`;
      return;
    }
    saveFile(res.blob, `answerdesk-${chosen.query.interval}-${ui.from.value}-to-${ui.to.value}.csv`);
  }

  function reset() {
    generation++;
    for (const chart of charts.splice(0)) chart.destroy();
    for (const box of numberBoxes(ui)) box.replaceChildren();
    delete document.body.dataset.overview;
  }

  const initial = defaultPeriod(new Date());
  ui.from.value = initial.first;
  ui.to.value = initial.last;
  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });
  ui.interval.addEventListener('change', () => void load());
  ui.csv.addEventListener('click', () => void downloadCsv());
  return { load, reset };
}
