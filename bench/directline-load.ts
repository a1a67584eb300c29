/**
 * The Direct Line load both turn benches drive (`directline.bench.ts` on SQLite, `postgres.bench.ts`
 * on several processes): concurrent widget conversations, each posting its messages one after the
 * other over loopback HTTP and timing each post (it answers once the turn ran and its replies are
 * stored).
 *
 * Two ways to send:
 * - saturation (no `pacing`): each conversation posts its next message as soon as the last is
 *   answered. Measures throughput (turns/s); latency is then mostly queueing (Little's law:
 *   latency ≈ conversations / throughput).
 * - paced: each conversation waits a think time drawn from a seeded uniform range between its
 *   messages (and before its first, so they do not start in step), as people typing do. Measures
 *   the latency a customer sees at that many concurrent conversations.
 */
import { percentile } from './percentile.ts';

export interface LoadOptions {
  readonly conversations: number;
  readonly turnsPerConversation: number;
  readonly questions: readonly string[];
  /** Think time between one conversation's messages; omitted: none (saturation). */
  readonly pacing?: { readonly minMs: number; readonly maxMs: number; readonly seed: number } | undefined;
}

export interface LoadResult {
  readonly turns: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly errors: number;
}

async function post(url: string, token: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** mulberry32: a small seeded generator, so two runs (and two bots) get the same think times. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the conversations at once against `bases` (one URL per server process); conversation c's
 * turn t goes to process (c + t) mod n, as behind a load balancer without sticky sessions.
 */
export async function runLoad(bases: readonly string[], options: LoadOptions): Promise<LoadResult> {
  const { conversations, turnsPerConversation, questions, pacing } = options;
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: conversations }, async (_, c) => {
      const think =
        pacing === undefined
          ? undefined
          : (() => {
              const random = seededRandom(pacing.seed * 1_000 + c);
              return () => pacing.minMs + random() * (pacing.maxMs - pacing.minMs);
            })();
      const first = bases[c % bases.length] ?? '';
      const generated = (await (
        await fetch(`${first}/v3/directline/tokens/generate`, {
          method: 'POST',
          headers: { 'x-forwarded-for': `10.0.${Math.floor(c / 250)}.${c % 250}` },
        })
      ).json()) as { token: string };
      const conversation = (await (await post(`${first}/v3/directline/conversations`, generated.token, {})).json()) as {
        conversationId: string;
        token: string;
      };
      for (let t = 0; t < turnsPerConversation; t++) {
        if (think !== undefined) await sleep(think());
        const base = bases[(c + t) % bases.length] ?? first;
        const text = questions[(c * turnsPerConversation + t) % questions.length] ?? 'hello';
        const t0 = performance.now();
        const res = await post(
          `${base}/v3/directline/conversations/${conversation.conversationId}/activities`,
          conversation.token,
          { type: 'message', from: { id: `bench-user-${c}` }, text },
        );
        await res.arrayBuffer();
        if (res.status !== 200) errors += 1;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    turns: latencies.length,
    seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
    errors,
  };
}
