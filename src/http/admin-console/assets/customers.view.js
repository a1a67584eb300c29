// @ts-check
/** @import { CustomerHealthItemJson, HealthBandJson } from './customers-api.types.js' */
/** @import { CustomersApi } from './customers-api.client.js' */
import { errorText, SignedOut } from '../../agent-console/assets/agent-api.client.js';
import { el } from '../../agent-console/assets/dom.js';
import { formatDateTime } from '../../agent-console/assets/format.js';
import { healthChip } from '../../agent-console/assets/health-chip.js';
import { reasonText } from './health-reasons.js';

/** How many customers the list shows (worst first). */
const LIST_LIMIT = 200;

/** @param {string} value @returns {HealthBandJson | null} */
function bandOf(value) {
  return value === 'red' || value === 'yellow' || value === 'green' ? value : null;
}

/** @param {CustomerHealthItemJson} c */
function customerRow(c) {
  const who = c.name || c.email || `customer ${c.id}`;
  return el(
    'tr',
    { 'data-customer': String(c.id), 'data-band': c.band },
    el(
      'td',
      { className: 'customer-name' },
      el('a', { href: `#customer/${c.id}` }, who),
      c.name && c.email ? el('div', { className: 'muted' }, c.email) : null,
    ),
    el('td', null, healthChip({ score: c.score, band: c.band })),
    el(
      'td',
      { className: 'reasons' },
      c.reasons.length === 0
        ? el('span', { className: 'muted' }, 'nothing against it')
        : el('ul', { className: 'reason-list' }, ...c.reasons.map((r) => el('li', null, reasonText(r)))),
    ),
    el('td', { className: 'num' }, String(c.openTickets)),
    el('td', { className: 'when' }, formatDateTime(c.lastContactAt)),
  );
}

/**
 * The list's section: its head (`controls`), what the score means, and the table around `rows`.
 * @param {HTMLElement[]} controls
 * @param {HTMLTableSectionElement} rows
 */
function listSection(controls, rows) {
  const heading = (/** @type {string} */ text, numeric = false) =>
    el('th', numeric ? { className: 'num' } : null, text);
  return el(
    'section',
    { id: 'customers', className: 'panel', 'aria-labelledby': 'customers-title', hidden: true },
    el('div', { className: 'panel-head' }, el('h2', { id: 'customers-title' }, 'Customers'), ...controls),
    el(
      'p',
      { className: 'hint' },
      'Health 0-100 from each customer’s support history (knowledge/health.yaml): open and recent tickets, ' +
        'complaints, negative messages, low or missing ratings, repeat contacts, tickets left unresolved. Worst first.',
    ),
    el(
      'div',
      { className: 'table-wrap' },
      el(
        'table',
        { className: 'knowledge-table customers-table' },
        el(
          'thead',
          null,
          el(
            'tr',
            null,
            heading('Customer'),
            heading('Health'),
            heading('Top reasons'),
            heading('Open tickets', true),
            heading('Last contact'),
          ),
        ),
        rows,
      ),
    ),
  );
}

/**
 * The customers-at-risk list (`#customers`): every customer seen in the scorecard's window or
 * with an open ticket, worst first, filtered by band, with a CSV download of what is shown.
 *
 * @param {{ api: CustomersApi, parent: HTMLElement }} deps
 */
export function createCustomersView({ api, parent }) {
  const band = el(
    'select',
    { id: 'customers-band', 'aria-label': 'Health band' },
    el('option', { value: '' }, 'All customers'),
    el('option', { value: 'red' }, 'At risk (red)'),
    el('option', { value: 'yellow' }, 'Watch (yellow)'),
    el('option', { value: 'green' }, 'Healthy (green)'),
  );
  const download = el('button', { id: 'customers-csv', type: 'button' }, 'Download CSV');
  const status = el('span', { id: 'customers-status', className: 'muted', 'aria-live': 'polite' });
  const rows = el('tbody', { id: 'customers-rows' });
  const section = listSection([band, download, status], rows);
  parent.append(section);
  let generation = 0;

  async function load() {
    const mine = ++generation;
    status.textContent = 'Loading…';
    let res;
    try {
      res = await api.list(bandOf(band.value), LIST_LIMIT);
    } catch (error) {
      if (!(error instanceof SignedOut)) status.textContent = 'The server cannot be reached. Try again in a moment.';
      return;
    }
    if (mine !== generation) return;
    if (!res.ok) {
      status.textContent = errorText(res, 'The customers could not be read');
      return;
    }
    const { customers, total } = res.body;
    rows.replaceChildren(...customers.map(customerRow));
    status.textContent =
      total === 0 ? 'No customers in this band.' : `${customers.length} of ${total} customer${total === 1 ? '' : 's'}`;
  }

  band.addEventListener('change', () => void load());
  download.addEventListener('click', async () => {
    const chosen = bandOf(band.value);
    let blob;
    try {
      blob = await api.csv(chosen);
    } catch (error) {
      if (!(error instanceof SignedOut)) status.textContent = 'The server cannot be reached. Try again in a moment.';
      return;
    }
    if (blob === null) {
      status.textContent = 'The CSV could not be made.';
      return;
    }
    const url = URL.createObjectURL(blob);
    const link = el('a', { href: url, download: `customers-${chosen ?? 'all'}.csv` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });

  return {
    section,
    load,
    reset() {
      generation += 1;
      rows.replaceChildren();
      status.textContent = '';
    },
  };
}
