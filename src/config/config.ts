import path from 'node:path';
import { COMPLAINT_SEVERITIES, type ComplaintSeverity } from '../complaints/complaint-severity.ts';
import { parseBusinessHours } from '../hours/business-hours.parser.ts';
import type { BusinessHours } from '../hours/business-hours.ts';
import { DEFAULT_MATCHER_OPTIONS, type MatcherOptions } from '../knowledge/matching/matcher-options.ts';
import { LOG_LEVELS, type LogLevel } from '../logging/log-level.ts';
import { WEBHOOK_FORMATS, type WebhookConfig } from '../notifications/webhook-config.ts';
import { BUILT_IN_REDACTION_TYPES, type BuiltInRedactionType } from '../privacy/redaction.ts';
import type { RetentionPeriods } from '../privacy/retention-periods.ts';
import { ValidationError } from '../shared/app.error.ts';
import { describeDatabaseLocation, isPostgresUrl } from '../store/database-location.ts';
import { SQLITE_SYNCHRONOUS_MODES, type SqliteSynchronous } from '../store/sqlite-synchronous.ts';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.ts';

const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
type AppType = (typeof APP_TYPES)[number];

/** Bot Framework credentials; `appId` empty means local / Emulator mode with no authentication. */
export interface BotCredentials {
  readonly appId: string;
  readonly appPassword: string;
  readonly appTenantId: string;
  readonly appType: AppType;
}

/** Everything the server needs, validated and converted. Built once by `loadConfig`, then frozen. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Absolute path of the SQLite file, `:memory:`, or a `postgres://` URL (`isPostgresUrl`). */
  readonly databasePath: string;
  /** When writes reach the disk: `full` (every commit) and `request` (before every answer) survive power loss, `normal` only a process crash. */
  readonly databaseSynchronous: SqliteSynchronous;
  readonly knowledgeDir: string;
  /** Folder of trained matcher/analyzer snapshots (a start with unchanged knowledge loads them instead of training). */
  readonly knowledgeCacheDir: string;
  readonly logLevel: LogLevel;
  /** The built-in kinds of personal data masked before anything is stored or logged (`REDACTION_TYPES`). */
  readonly redactionTypes: readonly BuiltInRedactionType[];
  readonly bot: BotCredentials;
  /** The matcher's own options (`MATCH_*`), defaulting to `DEFAULT_MATCHER_OPTIONS`. */
  readonly match: MatcherOptions;
  /** Upper bound for graceful shutdown before the process exits anyway. */
  readonly shutdownTimeoutMs: number;
  /** A handoff nobody claims within this time fails: the customer is told to expect an email. */
  readonly handoffTimeoutMs: number;
  /** When the team chats live (`BUSINESS_*`); undefined = not configured, always there. */
  readonly businessHours: BusinessHours | undefined;
  /** IANA time zone the reports cut days and weeks in (`REPORT_TIMEZONE`, default `BUSINESS_TIMEZONE`). */
  readonly reportTimeZone: string;
  readonly directLine: {
    /** HMAC secret for Direct Line tokens; empty = generate once and keep it in the database. */
    readonly secret: string;
    readonly tokenTtlSeconds: number;
  };
  readonly widget: {
    readonly botName: string;
    /** CSS hex colour, e.g. `#0063B1`. */
    readonly accentColor: string;
    /** One to three letters shown as the bot's avatar. */
    readonly botAvatarInitials: string;
  };
  /** Public base URL of this server without a trailing slash (links in notifications); empty = unknown. */
  readonly publicUrl: string;
  readonly escalation: EscalationConfig;
  readonly webhook: WebhookConfig;
  readonly http: HttpEdgeConfig;
  /** How long records are kept (`RETENTION_*`, days; 0 = forever) and how often the worker checks. */
  readonly retention: RetentionPeriods;
}

/** Limits at the HTTP edge: how long a client may take to send a request, and where replies may go. */
interface HttpEdgeConfig {
  /** A client must send all request headers within this time (`server.headersTimeout`). */
  readonly headersTimeoutMs: number;
  /** A client must send the whole request, body included, within this time (`server.requestTimeout`). */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this time. */
  readonly keepAliveTimeoutMs: number;
  /** Longest wait for a Bot Framework Connector to answer one reply; there are no retries. */
  readonly connectorTimeoutMs: number;
  /**
   * In unauthenticated mode, the only `serviceUrl`s `/api/messages` accepts: `loopback` (localhost,
   * 127.0.0.0/8, ::1, as the Emulator uses) and/or origins like `https://connector.example.com`.
   */
  readonly localServiceUrls: readonly string[];
  /** Whose `X-Forwarded-For` gives `req.ip` (rate limits, audit addresses): `TRUST_PROXY`, loopback by default. */
  readonly trustProxy: TrustProxy;
}

/** The `LOCAL_SERVICE_URLS` entry that stands for every loopback host. */
export const LOOPBACK_SERVICE_URLS = 'loopback';

/** When the bot stops handling a conversation alone (see `decideEscalation`). */
interface EscalationConfig {
  /** Consecutive questions the bot could not match before a person takes over. */
  readonly afterNoMatches: number;
  /** "Not helpful" votes in one conversation before a person takes over. */
  readonly afterUnhelpfulVotes: number;
  /** A message whose sentiment comparative (−1..1, see `SentimentResult`) is below this escalates. */
  readonly sentimentBelow: number;
  /** Complaints of this severity or worse escalate. */
  readonly complaintSeverity: ComplaintSeverity;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Collects problems so that one error can report all of them. */
class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(key: string, fallback: string): string {
    const raw = this.env[key];
    return raw === undefined || raw.trim() === '' ? fallback : raw.trim();
  }

  integer(key: string, fallback: number, min: number, max: number): number {
    const raw = this.env[key];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw.trim());
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${key} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  number(key: string, fallback: number, min: number, max: number): number {
    const raw = this.env[key];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw.trim());
    if (!Number.isFinite(value) || value < min || value > max) {
      this.problems.push(`${key} must be a number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  /** An optional secret that, when given, must be long enough to resist guessing. */
  secret(key: string, minLength: number): string {
    const raw = this.string(key, '');
    if (raw !== '' && raw.length < minLength) {
      this.problems.push(`${key} must be at least ${minLength} characters long (got ${raw.length})`);
      return '';
    }
    return raw;
  }

  pattern(key: string, re: RegExp, fallback: string, what: string): string {
    const raw = this.string(key, fallback);
    if (!re.test(raw)) {
      this.problems.push(`${key} must be ${what} (got "${raw}")`);
      return fallback;
    }
    return raw;
  }

  /** An optional absolute http(s) URL; returned without a trailing slash, empty when unset. */
  url(key: string): string {
    const raw = this.string(key, '');
    if (raw === '') return '';
    let parsed: URL | undefined;
    try {
      parsed = new URL(raw);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      this.problems.push(`${key} must be an absolute http:// or https:// URL (got "${raw}")`);
      return '';
    }
    return raw.replace(/\/+$/, '');
  }

  /** A comma-separated list of `loopback` and http(s) origins, returned as `loopback` and normalised origins. */
  serviceUrls(key: string, fallback: string): string[] {
    const entries = this.string(key, fallback)
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
    const result: string[] = [];
    for (const entry of entries) {
      if (entry.toLowerCase() === LOOPBACK_SERVICE_URLS) {
        result.push(LOOPBACK_SERVICE_URLS);
        continue;
      }
      let origin: string | undefined;
      try {
        const url = new URL(entry);
        origin = url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
      } catch {
        origin = undefined;
      }
      if (origin === undefined)
        this.problems.push(
          `${key} entries must be "loopback" or an http(s) origin like https://connector.example.com (got "${entry}")`,
        );
      else result.push(origin);
    }
    return result;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(key, fallback);
    const match = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
    if (match === undefined) {
      this.problems.push(`${key} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return match;
  }
}

/**
 * Turns `file:./data/x.sqlite`, `file:/abs/x.sqlite`, `sqlite:…`, a bare path or `:memory:` into a
 * path; a `postgres://` / `postgresql://` URL naming a database stays as it is.
 */
function parseDatabaseUrl(raw: string, cwd: string, problems: string[]): string {
  if (raw === ':memory:' || raw === 'file::memory:') return ':memory:';
  if (isPostgresUrl(raw)) {
    // The host may be empty (`postgres://user@/db?host=/run/postgresql`, a unix socket), which
    // WHATWG's URL rejects, so only the shape is checked here; `pg` reports what it cannot reach.
    if (!/^[a-z]+:\/\/[^/?#]*\/[^/?#]+/i.test(raw)) {
      problems.push(
        `DATABASE_URL must name a PostgreSQL database like postgres://user:password@host:5432/answerdesk (got "${describeDatabaseLocation(raw)}")`,
      );
    }
    return raw;
  }
  const match = /^(?:file|sqlite):(?:\/\/)?(.+)$/.exec(raw);
  if (match?.[1] !== undefined) return path.resolve(cwd, match[1]);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    problems.push(
      `DATABASE_URL must be a SQLite file URL like file:./data/answerdesk.sqlite or a postgres:// URL (got "${raw.replace(/\/\/[^@/]*@/, '//***@')}")`,
    );
    return path.resolve(cwd, 'data/answerdesk.sqlite');
  }
  return path.resolve(cwd, raw);
}

/**
 * Validates and converts the environment into a frozen `Config`.
 *
 * @throws ValidationError listing every bad variable at once.
 * @example
 * const config = loadConfig(process.env); // only src/index.ts passes process.env
 */
export function loadConfig(env: Env, cwd: string = process.cwd()): Config {
  const r = new Reader(env);
  const appId = r.string('MicrosoftAppId', '');
  const appPassword = r.string('MicrosoftAppPassword', '');
  const appTenantId = r.string('MicrosoftAppTenantId', '');
  const appType = r.oneOf('MicrosoftAppType', APP_TYPES, 'MultiTenant');
  if (appId !== '' && appPassword === '' && appType !== 'UserAssignedMSI') {
    r.problems.push('MicrosoftAppPassword is required when MicrosoftAppId is set');
  }
  if (appId === '' && appPassword !== '') {
    r.problems.push('MicrosoftAppId is required when MicrosoftAppPassword is set');
  }
  if (appType === 'SingleTenant' && appTenantId === '') {
    r.problems.push('MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant');
  }

  const databasePath = parseDatabaseUrl(r.string('DATABASE_URL', 'file:./data/answerdesk.sqlite'), cwd, r.problems);
  // Next to the SQLite file by default: the data folder is already the one that must be writable.
  const defaultCacheDir =
    databasePath === ':memory:' || isPostgresUrl(databasePath)
      ? path.resolve(cwd, 'data/cache')
      : path.join(path.dirname(databasePath), 'cache');
  const config: Config = {
    port: r.integer('PORT', 3978, 0, 65535),
    host: r.string('HOST', '0.0.0.0'),
    databasePath,
    databaseSynchronous: r.oneOf('DATABASE_SYNCHRONOUS', SQLITE_SYNCHRONOUS_MODES, 'request'),
    knowledgeDir: path.resolve(cwd, r.string('KNOWLEDGE_DIR', './knowledge')),
    knowledgeCacheDir: path.resolve(cwd, r.string('KNOWLEDGE_CACHE_DIR', defaultCacheDir)),
    logLevel: r.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    redactionTypes: redactionTypesOf(r),
    bot: { appId, appPassword, appTenantId, appType },
    match: {
      threshold: r.number('MATCH_THRESHOLD', DEFAULT_MATCHER_OPTIONS.threshold, 0, 1),
      ambiguityMargin: r.number('MATCH_AMBIGUITY_MARGIN', DEFAULT_MATCHER_OPTIONS.ambiguityMargin, 0, 1),
      topN: r.integer('MATCH_TOP_N', DEFAULT_MATCHER_OPTIONS.topN, 1, 10),
      closeRatio: r.number('MATCH_CLOSE_RATIO', DEFAULT_MATCHER_OPTIONS.closeRatio, 0.01, 1),
      vagueTerms: r.integer('MATCH_VAGUE_TERMS', DEFAULT_MATCHER_OPTIONS.vagueTerms, 0, 10),
    },
    shutdownTimeoutMs: r.integer('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    handoffTimeoutMs: r.integer('HANDOFF_TIMEOUT_SECONDS', 600, 5, 86_400) * 1000,
    businessHours: businessHoursOf(r),
    reportTimeZone: reportTimeZoneOf(r),
    directLine: {
      secret: r.secret('DIRECTLINE_SECRET', 32),
      tokenTtlSeconds: r.integer('DIRECTLINE_TOKEN_TTL_SECONDS', 3600, 60, 86_400),
    },
    widget: {
      botName: r.string('WIDGET_BOT_NAME', 'Support'),
      accentColor: r.pattern('WIDGET_ACCENT_COLOR', /^#[0-9a-f]{6}$/i, '#0063B1', 'a hex colour like #0063B1'),
      botAvatarInitials: r.pattern('WIDGET_BOT_INITIALS', /^[\p{L}\p{N}]{1,3}$/u, 'SB', '1 to 3 letters or digits'),
    },
    publicUrl: r.url('PUBLIC_URL'),
    escalation: {
      afterNoMatches: r.integer('ESCALATE_AFTER_NO_MATCHES', 2, 1, 100),
      afterUnhelpfulVotes: r.integer('ESCALATE_AFTER_UNHELPFUL_VOTES', 2, 1, 100),
      sentimentBelow: r.number('ESCALATE_SENTIMENT_BELOW', -0.75, -5, 0),
      complaintSeverity: r.oneOf('ESCALATE_COMPLAINT_SEVERITY', COMPLAINT_SEVERITIES, 'high'),
    },
    webhook: {
      url: r.url('AGENT_WEBHOOK_URL'),
      format: r.oneOf('AGENT_WEBHOOK_FORMAT', WEBHOOK_FORMATS, 'generic'),
      timeoutMs: r.integer('WEBHOOK_TIMEOUT_MS', 5_000, 100, 120_000),
      maxAttempts: r.integer('WEBHOOK_MAX_ATTEMPTS', 6, 1, 50),
      backoffBaseMs: r.integer('WEBHOOK_BACKOFF_BASE_MS', 10_000, 10, 3_600_000),
      pollIntervalMs: r.integer('WEBHOOK_POLL_INTERVAL_MS', 15_000, 100, 3_600_000),
    },
    http: {
      headersTimeoutMs: r.integer('HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
      requestTimeoutMs: r.integer('HTTP_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
      keepAliveTimeoutMs: r.integer('HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
      connectorTimeoutMs: r.integer('CONNECTOR_TIMEOUT_MS', 3_000, 100, 120_000),
      localServiceUrls: r.serviceUrls('LOCAL_SERVICE_URLS', LOOPBACK_SERVICE_URLS),
      trustProxy: trustProxyOf(r),
    },
    retention: {
      botOnlyDays: r.integer('RETENTION_BOT_ONLY_DAYS', 90, 0, 36_500),
      solvedTicketDays: r.integer('RETENTION_SOLVED_TICKET_DAYS', 730, 0, 36_500),
      webhookDays: r.integer('RETENTION_WEBHOOK_DAYS', 30, 0, 36_500),
      auditDays: r.integer('RETENTION_AUDIT_DAYS', 730, 0, 36_500),
      checkEveryMs: r.integer('RETENTION_CHECK_MINUTES', 60, 1, 10_080) * 60_000,
    },
  };
  if (config.http.headersTimeoutMs > config.http.requestTimeoutMs) {
    r.problems.push('HTTP_HEADERS_TIMEOUT_MS must not be larger than HTTP_REQUEST_TIMEOUT_MS');
  }
  if (r.problems.length > 0) throw new ValidationError('Invalid configuration', r.problems);
  return deepFreeze(config);
}

/** `REDACTION_TYPES`: a comma-separated list of `card`, `email`, `phone` (default all), or `none`. */
function redactionTypesOf(r: Reader): BuiltInRedactionType[] {
  const raw = r.string('REDACTION_TYPES', BUILT_IN_REDACTION_TYPES.join(','));
  if (raw.trim().toLowerCase() === 'none') return [];
  const types: BuiltInRedactionType[] = [];
  for (const item of raw.split(',').map((t) => t.trim().toLowerCase())) {
    const type = BUILT_IN_REDACTION_TYPES.find((t) => t === item);
    if (type === undefined) {
      r.problems.push(
        `REDACTION_TYPES must list ${BUILT_IN_REDACTION_TYPES.join(', ')} (comma-separated) or be none (got "${item}")`,
      );
      return [...BUILT_IN_REDACTION_TYPES];
    }
    if (!types.includes(type)) types.push(type);
  }
  return types;
}

function businessHoursOf(r: Reader): BusinessHours | undefined {
  const parsed = parseBusinessHours({
    hours: r.string('BUSINESS_HOURS', ''),
    timeZone: r.string('BUSINESS_TIMEZONE', 'UTC'),
    holidays: r.string('BUSINESS_HOLIDAYS', ''),
  });
  if (parsed.kind === 'invalid') r.problems.push(...parsed.problems);
  return parsed.kind === 'ok' ? parsed.hours : undefined;
}

function trustProxyOf(r: Reader): TrustProxy {
  const parsed = parseTrustProxy(r.string('TRUST_PROXY', 'loopback'));
  if (parsed.kind === 'invalid') r.problems.push(parsed.problem);
  return parsed.kind === 'ok' ? parsed.value : ['loopback'];
}

function reportTimeZoneOf(r: Reader): string {
  const zone = r.string('REPORT_TIMEZONE', r.string('BUSINESS_TIMEZONE', 'UTC'));
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    r.problems.push(`REPORT_TIMEZONE: "${zone}" is not an IANA time zone like America/New_York`);
    return 'UTC';
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child);
  }
  return Object.freeze(value);
}
