/**
 * A long fuzz run of the HTTP edge: the generators of test/http/hostile-fuzz.test.ts against the
 * real app (real SQLite file, real HTTP), many more cases. Fails (exit 1) on any 5xx, answer slower
 * than 2 s, stack trace or path in a body, or a server that stops answering; prints the
 * counterexample and the seed to replay it.
 *
 *   node --import tsx bench/fuzz.bench.ts [--runs N] [--seed S] [--quick]
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { startConversation } from '../test/helpers/directline.ts';
import {
  hostileRequests,
  hostileUpgradeTargets,
  problemsWith,
  registeredRoutes,
  send,
  sendUpgrade,
} from '../test/helpers/hostile-requests.ts';
import { startApp } from '../test/helpers/running-app.ts';

const MAX_ANSWER_MS = 2_000;
const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name: string): number | undefined => {
  const at = args.indexOf(name);
  const value = at === -1 ? undefined : Number(args[at + 1]);
  return value === undefined || !Number.isInteger(value) ? undefined : value;
};
const runs = option('--runs') ?? (args.includes('--quick') ? 500 : 5_000);
const seed = option('--seed');

const server = await startApp();
const started = performance.now();
const statuses = new Map<number, number>();
let slowest = 0;
let failure: string | undefined;
try {
  const routes = registeredRoutes(server.server);
  const conversation = await startConversation(server.url);
  const agent = await server.app.agents.create({ name: 'Fuzz', role: 'admin' });
  const secrets = {
    directLineToken: conversation.token,
    conversationId: conversation.conversationId,
    agentToken: agent.token,
  };
  const check = (problems: string[], status: number, ms: number): boolean => {
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    slowest = Math.max(slowest, ms);
    return problems.length === 0;
  };
  const common = seed === undefined ? {} : { seed };
  const http = await fc.check(
    fc.asyncProperty(hostileRequests(routes, secrets), async (request) => {
      const observed = await send(server.url, request);
      return check(problemsWith(observed, MAX_ANSWER_MS), observed.status, observed.ms);
    }),
    { numRuns: runs, ...common },
  );
  const upgrades = await fc.check(
    fc.asyncProperty(hostileUpgradeTargets(secrets), async (target) => {
      const observed = await sendUpgrade(server.url, target);
      return check(problemsWith(observed, MAX_ANSWER_MS), observed.status, observed.ms) && observed.status >= 400;
    }),
    { numRuns: Math.ceil(runs / 5), ...common },
  );
  if (http.failed) failure = fc.defaultReportMessage(http);
  if (upgrades.failed) failure = `${failure ?? ''}\n${fc.defaultReportMessage(upgrades)}`;
  const health = await fetch(`${server.url}/healthz`);
  if (health.status !== 200) failure = `${failure ?? ''}\n/healthz answered ${health.status} after the run`;
} finally {
  await server.stop();
}

const seconds = (performance.now() - started) / 1000;
const lines = [
  '## HTTP edge fuzz',
  '',
  `${runs} hostile HTTP requests over every registered route and ${Math.ceil(runs / 5)} WebSocket upgrades in ${seconds.toFixed(1)} s; ` +
    `slowest answer ${Math.round(slowest)} ms. ${failure === undefined ? 'No 5xx, no slow answer, no leak, server still healthy.' : 'FAILED (see below).'}`,
  '',
  `Statuses: ${[...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ')}`,
  ...(failure === undefined ? [] : ['', '```', failure, '```']),
];
fs.mkdirSync(path.join(root, 'bench/out'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/out/fuzz.md'), `${lines.join('\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n`);
process.exitCode = failure === undefined ? 0 : 1;
