import type http from 'node:http';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { rawRequest, upgradeRequest } from './raw-http.ts';

/** A route as the express router stack lists it: a path template (`/tickets/:ref`) and its methods. */
export interface RouteTemplate {
  readonly path: string;
  readonly methods: readonly string[];
}

interface RouterLayer {
  readonly rawPath?: unknown;
  readonly route?: { readonly path: unknown; readonly methods: Readonly<Record<string, boolean>> };
  readonly handle?: { readonly stack?: readonly RouterLayer[] };
}

/**
 * Every route of a running server, read from its express app's router stack (sub-routers and
 * their mount paths included), so that a new route is fuzzed without anyone listing it.
 */
export function registeredRoutes(server: http.Server): RouteTemplate[] {
  const app = server.listeners('request')[0] as { router?: { stack?: readonly RouterLayer[] } } | undefined;
  const routes: RouteTemplate[] = [];
  const walk = (stack: readonly RouterLayer[], prefix: string): void => {
    for (const layer of stack) {
      if (layer.route !== undefined && typeof layer.route.path === 'string') {
        routes.push({
          path: prefix + layer.route.path,
          methods: Object.keys(layer.route.methods).map((m) => m.toUpperCase()),
        });
      } else if (layer.handle?.stack !== undefined) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk(app?.router?.stack ?? [], '');
  if (routes.length === 0)
    throw new Error('no routes found on the express router stack (did express change its internals?)');
  return routes;
}

/** Real credentials and ids, so that generated requests also get past authentication now and then. */
export interface FuzzSecrets {
  readonly directLineToken: string;
  readonly conversationId: string;
  readonly agentToken: string;
}

/** One generated request, written as given (method, target, headers and body bytes). */
export interface HostileRequest {
  readonly method: string;
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | undefined;
}

const MALFORMED_ESCAPES = ['%', '%ff', '%C0%AF', '%E0%A4%A', '%00', '%2F', '%%', '%u0041', '%zz'];

function segment(secrets: FuzzSecrets): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(secrets.conversationId, 'T-1001', 'T-1', '0', '-1', '..', '.', 'x'.repeat(3000)),
    fc.constantFrom(...MALFORMED_ESCAPES),
    fc.stringMatching(/^[A-Za-z0-9._~|-]{1,40}$/),
    fc.tuple(fc.stringMatching(/^[A-Za-z0-9]{0,8}$/), fc.constantFrom(...MALFORMED_ESCAPES)).map(([a, b]) => a + b),
    fc.string({ unit: 'binary', maxLength: 12 }).map((s) => encodeURIComponent(s)),
  );
}

function query(): fc.Arbitrary<string> {
  const value = fc.oneof(
    fc.constantFrom('', '0', '1', '999999999999999999999', '-1', 'abc', '%ff', '%', 'a%20b'),
    fc.stringMatching(/^[A-Za-z0-9]{0,20}$/),
  );
  const key = fc.constantFrom(
    'watermark',
    't',
    'status',
    'priority',
    'assignee',
    'category',
    'limit',
    'offset',
    'x',
    '%ff',
  );
  return fc
    .array(fc.tuple(key, value), { maxLength: 4 })
    .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`));
}

/** A path from a registered route, its `:params` filled with random, valid or malformed segments. */
function target(
  routes: readonly RouteTemplate[],
  secrets: FuzzSecrets,
): fc.Arbitrary<{ route: RouteTemplate; target: string }> {
  return fc.constantFrom(...routes).chain((route) => {
    const parts = route.path.split('/');
    return fc
      .tuple(fc.tuple(...parts.map((part) => (part.startsWith(':') ? segment(secrets) : fc.constant(part)))), query())
      .map(([filled, q]) => ({
        route,
        target: `${filled.join('/')}${q}`,
      }));
  });
}

/** JSON text nested `depth` levels deep, built as text (JSON.stringify would overflow). */
function deepJson(depth: number, open: '[' | '{"a":'): string {
  return `${open.repeat(depth)}0${(open === '[' ? ']' : '}').repeat(depth)}`;
}

const anything = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** Activities whose fields have random (often wrong) types. */
function activityBody(secrets: FuzzSecrets): fc.Arbitrary<string> {
  const account = fc.oneof(
    anything,
    fc.record(
      { id: fc.oneof(fc.string({ maxLength: 20 }), anything), name: anything, role: anything },
      { requiredKeys: [] },
    ),
  );
  return fc
    .record(
      {
        type: fc.oneof(fc.constantFrom('message', 'event', 'typing', 'conversationUpdate', 'invoke', ''), anything),
        text: fc.oneof(fc.string({ maxLength: 200 }), anything),
        locale: anything,
        from: account,
        recipient: account,
        conversation: fc.oneof(account, fc.constant({ id: secrets.conversationId })),
        channelData: anything,
        attachments: fc.oneof(anything, fc.array(anything, { maxLength: 3 })),
        entities: fc.oneof(anything, fc.array(anything, { maxLength: 3 })),
        suggestedActions: fc.oneof(
          anything,
          fc.record({ actions: fc.array(fc.record({ title: anything, value: anything }), { maxLength: 2 }) }),
        ),
        value: anything,
        name: anything,
        replyToId: anything,
        timestamp: anything,
        serviceUrl: fc.oneof(
          fc.constantFrom('http://127.0.0.1:9/', 'https://attacker.example/', 'http://[/', 'file:///etc/passwd'),
          anything,
        ),
        deliveryMode: fc.oneof(fc.constantFrom('expectReplies', 'normal'), anything),
        user: anything,
        version: anything,
        status: anything,
        priority: anything,
        assignee: anything,
      },
      { requiredKeys: [] },
    )
    .map((activity) => JSON.stringify(activity));
}

function body(secrets: FuzzSecrets): fc.Arbitrary<string | Buffer | undefined> {
  return fc.oneof(
    fc.constant(undefined),
    activityBody(secrets),
    fc.json({ maxDepth: 4 }),
    fc
      .tuple(fc.integer({ min: 60, max: 20_000 }), fc.constantFrom<'[' | '{"a":'>('[', '{"a":'))
      .map(([depth, open]) => deepJson(depth, open)),
    fc.constantFrom(
      '{"type":"message","text":"',
      '{',
      'not json',
      '"just a string"',
      '[1,2,3]',
      'null',
      '{"__proto__":{"x":1}}',
      '{"constructor":{"prototype":{}}}',
    ),
    fc.constant(JSON.stringify({ type: 'message', text: 'x'.repeat(300_000) })),
    fc.constant(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef])),
    fc.constant(gzipSync(JSON.stringify({ type: 'message', text: 'zipped' }))),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  );
}

function headers(secrets: FuzzSecrets): fc.Arbitrary<Record<string, string>> {
  return fc.record(
    {
      'content-type': fc.constantFrom(
        'application/json',
        'application/json; charset=utf-16',
        'application/vnd.x+json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        '',
      ),
      'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown', 'gzip, gzip'),
      range: fc.constantFrom(
        'bytes=99999999999-',
        'bytes=0-9',
        'bytes=5-1',
        'bytes=-0',
        'bytes=0-0,2-3,1-1',
        'lines=1-2',
        'bytes=abc',
      ),
      authorization: fc.constantFrom(
        `Bearer ${secrets.directLineToken}`,
        `Bearer ${secrets.agentToken}`,
        'Bearer x',
        'Bearer ',
        'Basic Zm9vOmJhcg==',
        `Bearer ${'a'.repeat(5000)}`,
        'Bearer eyJhbGciOiJub25lIn0.eyJjb252IjoieCJ9.',
      ),
      'x-forwarded-for': fc.constantFrom('203.0.113.7', 'garbage', '::1'),
      accept: fc.constantFrom('*/*', 'text/html', 'application/json'),
      'if-none-match': fc.constantFrom('*', '"x"', 'W/"garbage'),
    },
    { requiredKeys: [] },
  );
}

/** Hostile HTTP requests aimed at the registered routes. */
export function hostileRequests(routes: readonly RouteTemplate[], secrets: FuzzSecrets): fc.Arbitrary<HostileRequest> {
  return fc
    .record({
      target: target(routes, secrets),
      otherMethod: fc.option(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'), { freq: 3 }),
      headers: headers(secrets),
      body: body(secrets),
    })
    .map(({ target: t, otherMethod, headers: h, body: b }) => ({
      method: otherMethod ?? t.route.methods[0] ?? 'GET',
      target: t.target,
      headers: h,
      body: typeof b === 'string' ? Buffer.from(b) : b,
    }));
}

/** Request targets for WebSocket upgrades: stream paths with hostile ids and queries, and broken targets. */
export function hostileUpgradeTargets(secrets: FuzzSecrets): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(segment(secrets), query()).map(([id, q]) => `/v3/directline/conversations/${id}/stream${q}`),
    fc.constantFrom(
      'http://[/',
      '//[/',
      'http://x:99999/v3/directline/conversations/x/stream',
      '*',
      '/',
      '/healthz',
      'http://localhost/v3/directline/conversations/%ff/stream',
    ),
  );
}

/** What a response looked like, for the assertions. */
export interface Observed {
  readonly status: number;
  readonly contentType: string;
  readonly ms: number;
  readonly body: string;
}

/**
 * Sends `request` verbatim on a raw socket: node's http client would normalise some of it, and
 * when nock's interceptor is loaded in the same worker (vitest runs files in one fork) its mock
 * socket re-parses the outgoing request and never sends a method it does not know, such as the
 * `_ALL` the router lists for `router.all` routes. A hostile client is not so polite.
 */
export async function send(base: string, request: HostileRequest, timeoutMs = 10_000): Promise<Observed> {
  const started = performance.now();
  const head = [
    `${request.method} ${request.target} HTTP/1.1`,
    'Host: localhost',
    ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`),
    ...(request.body === undefined ? [] : [`Content-Length: ${request.body.length}`]),
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  const raw = await rawRequest(
    base,
    Buffer.concat([Buffer.from(head, 'latin1'), request.body ?? Buffer.alloc(0)]),
    timeoutMs,
  );
  const ms = performance.now() - started;
  const split = raw.bytes.indexOf('\r\n\r\n');
  const headerText = split < 0 ? raw.text : raw.bytes.subarray(0, split).toString('latin1');
  const header = (name: string): string =>
    new RegExp(`^${name}:[ \\t]*(.*?)[ \\t]*$`, 'im').exec(headerText)?.[1] ?? '';
  const payload = split < 0 ? Buffer.alloc(0) : raw.bytes.subarray(split + 4);
  const body = /chunked/i.test(header('transfer-encoding')) ? dechunk(payload) : payload;
  return { status: raw.status, contentType: header('content-type'), ms, body: body.toString('utf8') };
}

/** The payload of a `Transfer-Encoding: chunked` body (as much of it as arrived). */
function dechunk(payload: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = payload.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = Number.parseInt(payload.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    parts.push(payload.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** Sends an upgrade for `target` on a raw socket. */
export async function sendUpgrade(base: string, target: string): Promise<Observed> {
  const started = performance.now();
  const res = await rawRequest(base, upgradeRequest(target), 5_000);
  return { status: res.status, contentType: '', ms: performance.now() - started, body: res.text };
}

/** Text that must never reach a client: stack frames and paths of this machine. */
const LEAK_PATTERN = /\n\s+at |\bat [\w.<>]+ \(|\/work\/|node_modules|\/home\/|\/tmp\/|file:\/\//;

/** Problems with one observed response (empty when it is fine). */
export function problemsWith(observed: Observed, maxMs: number): string[] {
  const problems: string[] = [];
  if (observed.status >= 500) problems.push(`answered ${observed.status}: ${observed.body.slice(0, 300)}`);
  if (observed.status === 0) problems.push('no HTTP answer');
  if (observed.ms > maxMs) problems.push(`took ${Math.round(observed.ms)} ms`);
  // Served files (Web Chat's bundle) may contain such text as code; answers and errors must not.
  const isAnswer = observed.status >= 300 || !/javascript|css/.test(observed.contentType);
  const leak = isAnswer ? LEAK_PATTERN.exec(observed.body) : null;
  if (leak !== null)
    problems.push(`leaked "${leak[0]}" in: ${observed.body.slice(Math.max(0, leak.index - 100), leak.index + 100)}`);
  return problems;
}
