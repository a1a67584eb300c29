import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RateJson, ReportSummaryJson } from '../../src/http/admin-console/assets/report-api.types.d.ts';
import { CHART_LIBRARY_URL } from '../../src/http/admin-console/chart-library.ts';
import { closePages, launchChromium, openPage, sidewaysScroll, signInAt } from '../helpers/chromium.ts';
import { EXPECTED_REPORT } from '../helpers/report-scenario.expected.ts';
import { playReportScenario, REPORT_SCENARIO } from '../helpers/report-scenario.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

const TEST_TIMEOUT_MS = 60_000;
const HOOK_TIMEOUT_MS = 90_000;
const WAIT = { timeout: 20_000 } as const;
/** The scenario's last day: the page's "To" is the last day shown, the API's `to` the day after. */
const LAST_DAY = '2026-11-04';
/** The tiles' figures that are counts (0 in an empty period); every other figure is a rate or a duration. */
const COUNT_FIGURES = [
  'conversations',
  'questions',
  'conversationsWithQuestion',
  'handedOffConversations',
  'helpfulVotes.yes',
  'helpfulVotes.no',
  'csat.ratings',
  'csat.surveysSent',
  'complaints.total',
];
const CANVASES = ['chart-volume', 'chart-rates', 'chart-csat', 'chart-complaints'] as const;

/*
 * The page's formatting rules (overview-format.js), restated here so the test does not borrow the
 * code it checks: rates as percentages with one decimal, durations in the two largest units, and
 * "–" when there was nothing to divide by or nothing measured.
 */
const rate = (r: RateJson): string => (r === null ? '–' : `${(r * 100).toFixed(1)}%`);
/** The scenario's durations (EXPECTED_REPORT) as the page writes them. */
const DURATIONS = new Map([
  [120, '2 min'],
  [300, '5 min'],
  [600, '10 min'],
  [1800, '30 min'],
  [3600, '1 h'],
  [7200, '2 h'],
]);
const duration = (seconds: number | null): string => {
  if (seconds === null) return '–';
  const shown = DURATIONS.get(seconds);
  if (shown === undefined) throw new Error(`test: no written form for ${seconds} s; add it to DURATIONS`);
  return shown;
};

/** What `overview-format.js` exports, as the page's module gives it to the test. */
interface Formatters {
  formatRate(rate: number | null): string;
  formatDuration(seconds: number | null): string;
}

/** Every figure of the tiles, by its `data-figure`, as the page must show it for `r`. */
function expectedFigures(r: ReportSummaryJson): Record<string, string> {
  const counts = (prefix: string, byKey: Readonly<Record<string, number>>) =>
    Object.fromEntries(
      Object.entries(byKey)
        .filter(([, n]) => n > 0)
        .map(([key, n]) => [`${prefix}.${key}`, String(n)]),
    );
  return {
    conversations: String(r.conversations),
    questions: String(r.questions),
    answerRate: rate(r.answerRate),
    didYouMeanRate: rate(r.didYouMeanRate),
    noMatchRate: rate(r.noMatchRate),
    botResolutionRate: rate(r.botResolutionRate),
    conversationsWithQuestion: String(r.conversationsWithQuestion),
    handoffRate: rate(r.handoffRate),
    handedOffConversations: String(r.handedOffConversations),
    ...counts('handoffReasons', r.handoffReasons),
    helpfulRate: rate(r.helpfulRate),
    'helpfulVotes.yes': String(r.helpfulVotes.yes),
    'helpfulVotes.no': String(r.helpfulVotes.no),
    'firstResponseSeconds.median': duration(r.firstResponseSeconds.median),
    'firstResponseSeconds.p90': duration(r.firstResponseSeconds.p90),
    'resolutionSeconds.median': duration(r.resolutionSeconds.median),
    'resolutionSeconds.p90': duration(r.resolutionSeconds.p90),
    'csat.score': rate(r.csat.score),
    'csat.responseRate': rate(r.csat.responseRate),
    'csat.ratings': String(r.csat.ratings),
    'csat.surveysSent': String(r.csat.surveysSent),
    negativeShare: rate(r.negativeShare),
    angrierShare: rate(r.angrierShare),
    'complaints.total': String(r.complaints.total),
    ...counts('complaints.bySeverity', r.complaints.bySeverity),
  };
}

/** The rows of the table inside `#id`, each as its cells' text. */
async function tableRows(page: Page, id: string): Promise<string[][]> {
  return page
    .locator(`#${id} tbody tr`)
    .evaluateAll((rows) => rows.map((row) => Array.from(row.children, (cell) => cell.textContent ?? '')));
}

/** How many pixels of the canvas `#id` Chart.js painted (alpha above 0). Runs in the page. */
function paintedPixels(id: string): number {
  const canvas = document.getElementById(id);
  if (!(canvas instanceof HTMLCanvasElement) || canvas.width === 0 || canvas.height === 0) return 0;
  const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
  return painted;
}

describe('admin overview in a real browser, over the report scenario', () => {
  let browser: Browser;
  let server: RunningApp;
  let adminToken: string;

  /** Signs in at `/admin#overview` and shows `first`..`last` by `interval`. */
  async function openOverview(first: string, last: string, viewport = { width: 1024, height: 800 }) {
    const { page, seen } = await openPage(browser, { viewport, acceptDownloads: true });
    await signInAt(page, `${server.url}/admin#overview`, adminToken);
    await page.locator('body[data-overview="ready"]').waitFor(WAIT);
    await page.locator('#overview-from').fill(first);
    await page.locator('#overview-to').fill(last);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('body[data-overview="ready"]').waitFor(WAIT);
    return { page, seen };
  }

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), startApp({ REPORT_TIMEZONE: REPORT_SCENARIO.timeZone })]);
    await playReportScenario(server.app.db);
    adminToken = (await server.app.agents.create({ name: 'Ada', email: 'ada@example.com', role: 'admin' })).token;
  }, HOOK_TIMEOUT_MS);

  afterEach(() => closePages(browser));

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'shows every headline figure exactly as computed by hand, at 1024 px, with no error or policy violation',
    async () => {
      const { page, seen } = await openOverview(REPORT_SCENARIO.from, LAST_DAY);
      const shown = await page
        .locator('#overview-tiles [data-figure]')
        .evaluateAll((nodes) =>
          Object.fromEntries(nodes.map((n) => [n.getAttribute('data-figure') ?? '', n.textContent ?? ''])),
        );
      expect(shown).toEqual(expectedFigures(EXPECTED_REPORT));
      expect(await page.locator('#overview-zone').textContent()).toBe(REPORT_SCENARIO.timeZone);
      expect(await sidewaysScroll(page)).toBe(0);
      expect(seen.errors).toEqual([]);
      expect(seen.dialogs).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'draws the four charts with Chart.js from this server, and gives their numbers as tables',
    async () => {
      const { page, seen } = await openOverview(REPORT_SCENARIO.from, LAST_DAY);
      for (const id of CANVASES) {
        expect(await page.evaluate(paintedPixels, id), id).toBeGreaterThan(1000);
        expect(await page.locator(`#${id}`).getAttribute('aria-label')).toMatch(/^(Bar|Line) chart: /);
      }
      const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      expect(resources).toContain(`${server.url}${CHART_LIBRARY_URL}`);
      expect(resources.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);

      const e = EXPECTED_REPORT;
      expect(await tableRows(page, 'chart-series-table')).toEqual(
        e.series.map((p) => [
          p.date,
          String(p.conversations),
          String(p.questions),
          rate(p.answerRate),
          rate(p.botResolutionRate),
          rate(p.handoffRate),
          rate(p.helpfulRate),
          rate(p.csatScore),
          rate(p.negativeShare),
          String(p.complaints),
          duration(p.firstResponseSeconds.median),
          duration(p.resolutionSeconds.median),
        ]),
      );
      expect(await tableRows(page, 'chart-csat-table')).toEqual(
        (['1', '2', '3', '4', '5'] as const).map((r) => [r, String(e.csat.distribution[r])]),
      );
      // Categories by their words, not their stored keys (the scenario's complaints are these two).
      const words: Record<string, string> = { billing_payment: 'Billing or payment', delivery: 'Delivery' };
      expect(Object.keys(e.complaints.byCategory).sort()).toEqual(Object.keys(words).sort());
      expect(await tableRows(page, 'chart-complaints-table')).toEqual(
        Object.entries(e.complaints.byCategory)
          .map(([category, n]) => [words[category] ?? category, n] as const)
          .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
          .map(([label, n]) => [label, String(n)]),
      );
      expect(await tableRows(page, 'overview-top-entries')).toEqual(
        e.topEntries.map((t) => [
          t.entryId,
          String(t.answered),
          String(t.helpfulYes),
          String(t.helpfulNo),
          rate(t.helpfulRate),
        ]),
      );
      // The sample is a customer's own words: shown as text, never as HTML.
      expect(await tableRows(page, 'overview-top-unanswered')).toEqual(
        e.topUnanswered.map((g) => [g.sample, String(g.count), String(g.phrasings), g.reasons.join(', ')]),
      );
      expect(
        await page
          .locator('#overview-comments li')
          .evaluateAll((items) =>
            items.map((li) => [li.querySelector('.rating')?.textContent, li.querySelector('q')?.textContent]),
          ),
      ).toEqual(e.csat.comments.map((c) => [`${c.rating} ★`, c.comment]));
      expect(seen.errors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'downloads the series as the API writes it, for the period on screen',
    async () => {
      const { page, seen } = await openOverview(REPORT_SCENARIO.from, LAST_DAY);
      const [download] = await Promise.all([
        page.waitForEvent('download', WAIT),
        page.locator('#overview-csv').click(),
      ]);
      expect(download.suggestedFilename()).toBe(`answerdesk-day-${REPORT_SCENARIO.from}-to-${LAST_DAY}.csv`);
      const saved = fs.readFileSync(await download.path(), 'utf8');
      const query = new URLSearchParams({ from: REPORT_SCENARIO.from, to: REPORT_SCENARIO.to, interval: 'day' });
      const api = await fetch(`${server.url}/api/admin/reports/series.csv?${query.toString()}`, {
        headers: { Authorization: `Bearer ${adminToken}` },
      });
      expect(api.status).toBe(200);
      expect(saved).toBe(await api.text());
      for (const point of EXPECTED_REPORT.series) expect(saved).toContain(point.date);
      expect(seen.errors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "groups by week when asked: the table's rows are the API's weeks of the same period",
    async () => {
      const { page, seen } = await openOverview(REPORT_SCENARIO.from, LAST_DAY);
      await page.locator('#overview-interval').selectOption('week');
      await page.locator('body[data-overview="ready"]').waitFor(WAIT);
      const query = new URLSearchParams({ from: REPORT_SCENARIO.from, to: REPORT_SCENARIO.to, interval: 'week' });
      const res = await fetch(`${server.url}/api/admin/reports/summary?${query.toString()}`, {
        headers: { Authorization: `Bearer ${adminToken}` },
      });
      const weekly = (await res.json()) as ReportSummaryJson;
      expect(weekly.series.length).toBeGreaterThan(0);
      expect((await tableRows(page, 'chart-series-table')).map((row) => [row[0], row[1], row[2]])).toEqual(
        weekly.series.map((p) => [p.date, String(p.conversations), String(p.questions)]),
      );
      expect(await page.locator('#chart-series-table thead th').first().textContent()).toBe('Week from');
      expect(seen.errors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows "–" for every rate and duration of a period with nothing in it, never 0%',
    async () => {
      const { page, seen } = await openOverview('2026-10-05', '2026-10-11');
      const shown = await page
        .locator('#overview-tiles [data-figure]')
        .evaluateAll((nodes) =>
          Object.fromEntries(nodes.map((n) => [n.getAttribute('data-figure') ?? '', n.textContent ?? ''])),
        );
      const rates = Object.entries(shown).filter(([figure]) => !COUNT_FIGURES.includes(figure));
      expect(rates.length).toBeGreaterThanOrEqual(12);
      expect(rates.filter(([, text]) => text !== '–')).toEqual([]);
      expect(COUNT_FIGURES.map((figure) => shown[figure])).toEqual(COUNT_FIGURES.map(() => '0'));
      expect(await tableRows(page, 'chart-series-table')).toHaveLength(7);
      expect(await page.locator('#chart-complaints-table').textContent()).toBe('No complaints in this period.');
      expect(await page.locator('#overview-top-entries').textContent()).toBe('No answers in this period.');
      expect(await page.locator('#overview-top-unanswered').textContent()).toBe('No missed questions in this period.');
      expect(await page.locator('#overview-comments').textContent()).toBe('No comments in this period.');
      expect(seen.errors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'fits a 390 px phone without sideways scroll, charts and tiles stacked',
    async () => {
      const { page, seen } = await openOverview(REPORT_SCENARIO.from, LAST_DAY, { width: 390, height: 844 });
      expect(await sidewaysScroll(page)).toBe(0);
      for (const id of CANVASES) {
        const box = await page.locator(`#${id}`).boundingBox();
        expect(box?.width ?? 0).toBeGreaterThan(250);
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
      }
      expect(seen.errors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'writes rates with one decimal and durations in their two largest units, "–" for nothing',
    async () => {
      const { page } = await openPage(browser);
      await page.goto(`${server.url}/admin`);
      const rates: [number | null, string][] = [
        [0.5, '50.0%'],
        [2 / 3, '66.7%'],
        [1 / 12, '8.3%'],
        [0.0004, '0.0%'],
        [0, '0.0%'],
        [1, '100.0%'],
        [null, '–'],
      ];
      const durations: [number | null, string][] = [
        [0, '0 s'],
        [0.4, '0 s'],
        [45, '45 s'],
        [59.6, '1 min'],
        [60, '1 min'],
        [125, '2 min 5 s'],
        [3600, '1 h'],
        [3725, '1 h 2 min'],
        [86_400, '1 d'],
        [90_061, '1 d 1 h'],
        [null, '–'],
        ...DURATIONS,
      ];
      // A string, so vitest does not rewrite the page's import().
      await page.evaluate(
        "import('/admin/admin-console/assets/overview-format.js').then((m) => { window.overviewFormat = m; })",
      );
      const written = await page.evaluate(
        ([r, d]) => {
          const format = (window as unknown as { overviewFormat: Formatters }).overviewFormat;
          return { rates: r.map(([v]) => format.formatRate(v)), durations: d.map(([v]) => format.formatDuration(v)) };
        },
        [rates, durations] as const,
      );
      expect(written).toEqual({ rates: rates.map(([, t]) => t), durations: durations.map(([, t]) => t) });
    },
    TEST_TIMEOUT_MS,
  );
});
