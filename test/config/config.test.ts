import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { DEFAULT_MATCHER_OPTIONS } from '../../src/knowledge/matching/matcher-options.ts';
import { configProblems } from '../helpers/config-problems.ts';

const cwd = '/srv/answerdesk';

const problemsOf = (env: Record<string, string>): readonly string[] => configProblems(env, cwd);

describe('loadConfig', () => {
  it('applies the documented defaults when the environment is empty', () => {
    const config = loadConfig({}, cwd);
    expect(config.port).toBe(3978);
    expect(config.databasePath).toBe(path.join(cwd, 'data/answerdesk.sqlite'));
    expect(config.knowledgeDir).toBe(path.join(cwd, 'knowledge'));
    expect(config.logLevel).toBe('info');
    expect(config.bot).toEqual({ appId: '', appPassword: '', appTenantId: '', appType: 'MultiTenant' });
    expect(config.match).toEqual({ threshold: 0.4, ambiguityMargin: 0.1, topN: 3, closeRatio: 0.6, vagueTerms: 2 });
    // One source of the matcher's defaults: what the server serves is what the matcher assumes.
    expect(config.match).toEqual(DEFAULT_MATCHER_OPTIONS);
    expect(config.databaseSynchronous).toBe('request');
  });

  it('reads DATABASE_SYNCHRONOUS in any case', () => {
    expect(loadConfig({ DATABASE_SYNCHRONOUS: 'NORMAL' }, cwd).databaseSynchronous).toBe('normal');
    expect(loadConfig({ DATABASE_SYNCHRONOUS: 'Full' }, cwd).databaseSynchronous).toBe('full');
  });

  it.each([
    [{}, path.join(cwd, 'data/cache')],
    [{ DATABASE_URL: 'file:/var/lib/answerdesk/db.sqlite' }, '/var/lib/answerdesk/cache'],
    [{ DATABASE_URL: ':memory:' }, path.join(cwd, 'data/cache')],
    [{ KNOWLEDGE_CACHE_DIR: './tmp/snapshots' }, path.join(cwd, 'tmp/snapshots')],
  ])(
    'puts the knowledge cache next to the database unless KNOWLEDGE_CACHE_DIR says otherwise (%j)',
    (env, expected) => {
      expect(loadConfig(env, cwd).knowledgeCacheDir).toBe(expected);
    },
  );

  it('returns a frozen object, nested parts included', () => {
    const config = loadConfig({}, cwd);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.bot)).toBe(true);
  });

  it.each([
    ['file:./db/x.sqlite', path.join(cwd, 'db/x.sqlite')],
    ['file:/var/lib/answerdesk.sqlite', '/var/lib/answerdesk.sqlite'],
    ['sqlite:relative.sqlite', path.join(cwd, 'relative.sqlite')],
    [':memory:', ':memory:'],
    ['plain/path.sqlite', path.join(cwd, 'plain/path.sqlite')],
    ['postgres://app:pw@db.internal:5432/answerdesk', 'postgres://app:pw@db.internal:5432/answerdesk'],
    ['postgresql://app@db/answerdesk?sslmode=require', 'postgresql://app@db/answerdesk?sslmode=require'],
    ['postgres://app@/answerdesk?host=/run/postgresql', 'postgres://app@/answerdesk?host=/run/postgresql'],
  ])('reads DATABASE_URL %s as %s', (url, expected) => {
    expect(loadConfig({ DATABASE_URL: url }, cwd).databasePath).toBe(expected);
  });

  it('converts and accepts valid values', () => {
    const config = loadConfig(
      { PORT: '8080', LOG_LEVEL: 'DEBUG', MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MATCH_THRESHOLD: '0.55' },
      cwd,
    );
    expect(config.port).toBe(8080);
    expect(config.logLevel).toBe('debug');
    expect(config.bot.appId).toBe('id');
    expect(config.match.threshold).toBe(0.55);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number from 0 to 65535 (got "eighty")'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535 (got "70000")'],
    [{ PORT: '80.5' }, 'PORT must be a whole number from 0 to 65535 (got "80.5")'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    [
      { MicrosoftAppType: 'Tenant' },
      'MicrosoftAppType must be one of MultiTenant, SingleTenant, UserAssignedMSI (got "Tenant")',
    ],
    [{ MicrosoftAppId: 'id' }, 'MicrosoftAppPassword is required when MicrosoftAppId is set'],
    [{ MicrosoftAppPassword: 'pw' }, 'MicrosoftAppId is required when MicrosoftAppPassword is set'],
    [
      { MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant' },
      'MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant',
    ],
    [
      { DATABASE_URL: 'mysql://user:secret@db/answerdesk' },
      'DATABASE_URL must be a SQLite file URL like file:./data/answerdesk.sqlite or a postgres:// URL (got "mysql://***@db/answerdesk")',
    ],
    [
      { DATABASE_URL: 'postgres://user:secret@db' },
      'DATABASE_URL must name a PostgreSQL database like postgres://user:password@host:5432/answerdesk (got "postgres://user:***@db")',
    ],
    [
      { DATABASE_URL: 'postgresql://user:secret@db/?sslmode=require' },
      'DATABASE_URL must name a PostgreSQL database like postgres://user:password@host:5432/answerdesk (got "postgresql://user:***@db/?sslmode=require")',
    ],
    [{ MATCH_THRESHOLD: '1.5' }, 'MATCH_THRESHOLD must be a number from 0 to 1 (got "1.5")'],
    [{ MATCH_TOP_N: '0' }, 'MATCH_TOP_N must be a whole number from 1 to 10 (got "0")'],
    [{ DATABASE_SYNCHRONOUS: 'off' }, 'DATABASE_SYNCHRONOUS must be one of full, request, normal (got "off")'],
    [{ SHUTDOWN_TIMEOUT_MS: '-1' }, 'SHUTDOWN_TIMEOUT_MS must be a whole number from 0 to 600000 (got "-1")'],
    [{ RETENTION_BOT_ONLY_DAYS: '-1' }, 'RETENTION_BOT_ONLY_DAYS must be a whole number from 0 to 36500 (got "-1")'],
    [{ RETENTION_CHECK_MINUTES: '0' }, 'RETENTION_CHECK_MINUTES must be a whole number from 1 to 10080 (got "0")'],
  ])('rejects %o with a message naming the variable', (env, message) => {
    expect(problemsOf(env)).toEqual([message]);
  });

  it("keeps records for the README's retention periods by default, 0 meaning forever", () => {
    expect(loadConfig({}, cwd).retention).toEqual({
      botOnlyDays: 90,
      solvedTicketDays: 730,
      webhookDays: 30,
      auditDays: 730,
      checkEveryMs: 3_600_000,
    });
    expect(loadConfig({ RETENTION_WEBHOOK_DAYS: '0' }, cwd).retention.webhookDays).toBe(0);
  });

  it('reports every problem in one error', () => {
    const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'loud', MATCH_THRESHOLD: 'high' });
    expect(problems).toHaveLength(3);
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' }, cwd)).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });

  it('never echoes a database password in its message', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://root:hunter2@db/x' }).join()).not.toContain('hunter2');
  });

  it('limits the HTTP edge by default and reads LOCAL_SERVICE_URLS as loopback plus origins', () => {
    expect(loadConfig({}, cwd).http).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      connectorTimeoutMs: 3_000,
      localServiceUrls: ['loopback'],
      trustProxy: ['loopback'],
    });
    expect(
      loadConfig({ LOCAL_SERVICE_URLS: 'https://connector.example.com/v3/, loopback' }, cwd).http.localServiceUrls,
    ).toEqual(['https://connector.example.com', 'loopback']);
  });

  it('names a bad LOCAL_SERVICE_URLS entry and headers timing out after the whole request', () => {
    expect(problemsOf({ LOCAL_SERVICE_URLS: 'loopback,ftp://x' }).join()).toMatch(
      /LOCAL_SERVICE_URLS entries must be "loopback" or an http\(s\) origin .*"ftp:\/\/x"/,
    );
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' }).join()).toMatch(
      /HTTP_HEADERS_TIMEOUT_MS must not be larger than HTTP_REQUEST_TIMEOUT_MS/,
    );
  });
});
