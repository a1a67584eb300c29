import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriesCsv } from '../../src/reports/report-csv.ts';
import { runCli } from '../helpers/cli.ts';
import { EXPECTED_REPORT } from '../helpers/report-scenario.expected.ts';
import { playReportScenario, REPORT_SCENARIO } from '../helpers/report-scenario.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { freshDatabase } from '../helpers/test-database.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

const QUERY = `from=${REPORT_SCENARIO.from}&to=${REPORT_SCENARIO.to}&interval=${REPORT_SCENARIO.interval}`;

/**
 * The scripted conversations of `playReportScenario`, stored by the real bot in a real SQLite
 * file, read back by the admin API and the `answerdesk report` command: every number must be
 * exactly the one derived by hand in `EXPECTED_REPORT`.
 */
describe('the support report over the scripted scenario', { timeout: 120_000 }, () => {
  let scenario: Awaited<ReturnType<typeof freshDatabase>>;
  let server: RunningApp;
  let adminToken: string;
  let agentToken: string;

  beforeAll(async () => {
    scenario = await freshDatabase();
    await playReportScenario(scenario.db);
    await scenario.db.destroy();
    server = await startApp({
      DATABASE_URL: ON_POSTGRES ? scenario.file : `file:${scenario.file}`,
      REPORT_TIMEZONE: REPORT_SCENARIO.timeZone,
    });
    adminToken = (await server.app.agents.create({ name: 'Ada', email: 'ada@example.com', role: 'admin' })).token;
    agentToken = (await server.app.agents.create({ name: 'Bo', email: 'bo@example.com', role: 'agent' })).token;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await scenario?.cleanup();
  });

  /** GETs as the admin, as `token`, or (null) without a token. */
  const get = (pathAndQuery: string, token: string | null = adminToken) =>
    fetch(`${server.url}${pathAndQuery}`, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });

  it('answers GET /api/admin/reports/summary with exactly the hand-computed numbers', async () => {
    const res = await get(`/api/admin/reports/summary?${QUERY}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(EXPECTED_REPORT);
  });

  it('downloads the series as CSV with a header row, one row per local day', async () => {
    const res = await get(`/api/admin/reports/series.csv?${QUERY}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="answerdesk-report-2026-11-02-to-2026-11-04-day.csv"',
    );
    const text = await res.text();
    expect(text).toBe(seriesCsv(EXPECTED_REPORT.series));
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]?.split(',').slice(0, 4)).toEqual(['start', 'date', 'conversations', 'questions']);
    // Tuesday: 3 conversations, 2 questions, half answered, none resolved by the bot.
    expect(lines[2]).toBe(
      '2026-11-03T05:00:00.000Z,2026-11-03,3,2,0.5,0,1,,120,600,3600,7200,0.5,0.16666666666666666,1',
    );
  });

  it("records the admin reading a report in the audit trail (it quotes customers' comments)", async () => {
    expect((await get(`/api/admin/reports/summary?${QUERY}`)).status).toBe(200);
    const { events } = await server.app.audit.list({ action: 'reports.read', limit: 10 });
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.every((e) => e.action === 'reports.read')).toBe(true);
  });

  it.each([
    ['no token', null, 401],
    ['an agent', 'agent', 403],
  ])('refuses %s', async (_who, token, status) => {
    for (const endpoint of ['summary', 'series.csv']) {
      const res = await get(`/api/admin/reports/${endpoint}?${QUERY}`, token === 'agent' ? agentToken : null);
      expect(res.status).toBe(status);
    }
  });

  it.each([
    ['to=2026-11-05', 'from'],
    ['from=2026-11-02', 'to'],
    ['from=yesterday&to=2026-11-05', 'from'],
    ['from=2026-02-30&to=2026-03-05', 'from'],
    ['from=2026-11-02&to=2026-11-05T10:00', 'to'],
    ['from=2026-11-05&to=2026-11-02', 'to'],
    ['from=2026-11-02&to=2026-11-02', 'to'],
    ['from=2024-01-01&to=2026-01-01', 'to'],
    ['from=2026-11-02&to=2026-11-05&interval=month', 'interval'],
    ['from=2026-11-02&from=2026-11-03&to=2026-11-05', 'from'],
  ])('answers 400 naming the parameter for %s', async (query, parameter) => {
    for (const endpoint of ['summary', 'series.csv']) {
      const res = await get(`/api/admin/reports/${endpoint}?${query}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message.startsWith(`${parameter}: `)).toBe(true);
    }
  });

  describe('answerdesk report', () => {
    const env = () => ({ REPORT_TIMEZONE: REPORT_SCENARIO.timeZone, LOG_LEVEL: 'silent' });
    const args = ['report', '--from', REPORT_SCENARIO.from, '--to', REPORT_SCENARIO.to, '--db', ''];
    const withDb = (...extra: string[]) => [...args.slice(0, -1), scenario.file, ...extra];

    it('prints with --json exactly the hand-computed numbers', async () => {
      const run = await runCli(withDb('--json'), env());
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual(EXPECTED_REPORT);
    });

    it('prints with --csv the series the API downloads', async () => {
      const run = await runCli(withDb('--csv', '--interval', 'day'), env());
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(seriesCsv(EXPECTED_REPORT.series));
    });

    it('prints a table with the headline numbers and one row per day', async () => {
      const run = await runCli(withDb(), env());
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('Bot resolution rate      55.6% (handoff rate 44.4%)');
      expect(run.stdout).toContain('First response           5m 0s / 10m 0s');
      expect(run.stdout).toMatch(/^2026-11-04 +3 +6 +50\.0% +33\.3% +66\.7%/m);
      // The top unanswered groups, largest first, one line each: size, most used wording, why.
      const lines = run.stdout.split('\n');
      const start = lines.indexOf('Top unanswered groups');
      expect(lines.slice(start + 1, start + 1 + EXPECTED_REPORT.topUnanswered.length)).toEqual(
        EXPECTED_REPORT.topUnanswered.map(
          (g) =>
            `  ${String(g.count).padStart(4)}  ${JSON.stringify(g.sample)} (${g.phrasings} wording${g.phrasings === 1 ? '' : 's'}; ${g.reasons.join(', ')})`,
        ),
      );
    });

    it.each([
      [['--interval', 'fortnight'], '--interval: must be one of day, week'],
      [['--json', '--csv'], '--json and --csv'],
    ])('refuses %j, naming the option', async (extra, message) => {
      const run = await runCli(withDb(...extra), env());
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(message);
    });

    it.skipIf(ON_POSTGRES)('says which file is missing when the database does not exist', async () => {
      const missing = path.join(path.dirname(scenario.file), 'nope.sqlite');
      const run = await runCli([...args.slice(0, -1), missing], env());
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`${missing} does not exist`);
    });
  });
});
