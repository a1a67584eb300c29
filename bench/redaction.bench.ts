// Redaction at the door (issue 18): what it costs per turn, and what it masks that it should not.
// 1. False positives: the datasets' texts hold no card numbers, emails or phone numbers, so every
//    redaction in them is a false positive (order numbers, amounts, dates must survive).
// 2. The Redactor alone on realistic messages, with and without each type, in the same run.
// 3. Every field of an activity as Web Chat posts it (redactActivity) against its text alone, same run.
// 4. Whole Direct Line turns (HTTP, turn, SQLite) with redaction off and on, interleaved, same run.
//   node --import tsx bench/redaction.bench.ts [--quick]   (in `npm run bench`; writes bench/out/redaction.md)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config.ts';
import { createApp } from '../src/index.ts';
import { readLabelledCsv } from '../src/knowledge/evaluation/labelled-csv.ts';
import { createLogger } from '../src/logging/logger.ts';
import { redactActivity } from '../src/privacy/activity-redaction.ts';
import { NO_REDACTION, type TextRedactor } from '../src/privacy/redaction.ts';
import { Redactor } from '../src/privacy/redactor.ts';
import { percentile } from './percentile.ts';

const quick = process.argv.includes('--quick');
const ROOT = path.resolve(import.meta.dirname, '..');
const DATASETS = process.env.ANSWERDESK_DATASETS ?? path.resolve(ROOT, '../shared/datasets');

function nluTexts(file: string): string[] {
  const corpus = JSON.parse(fs.readFileSync(file, 'utf8')) as { sentences: Array<{ text: string }> };
  return corpus.sentences.map((s) => s.text);
}

function sentimentTexts(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.replace(/\t[01]\s*$/, '').trim())
    .filter((line) => line !== '');
}

const sets: Array<{ name: string; texts: string[] }> = [
  {
    name: 'BANKING77 train.csv',
    texts: (await readLabelledCsv(path.join(DATASETS, 'banking77/train.csv'))).map((r) => r.text),
  },
  {
    name: 'BANKING77 test.csv',
    texts: (await readLabelledCsv(path.join(DATASETS, 'banking77/test.csv'))).map((r) => r.text),
  },
  ...['AskUbuntuCorpus', 'ChatbotCorpus', 'WebApplicationsCorpus'].map((name) => ({
    name: `NLU ${name}`,
    texts: nluTexts(path.join(DATASETS, 'nlu-evaluation-corpora', `${name}.json`)),
  })),
  ...['amazon_cells_labelled', 'yelp_labelled', 'imdb_labelled'].map((name) => ({
    name: `sentiment ${name}`,
    texts: sentimentTexts(path.join(DATASETS, 'sentiment-labelled-sentences', `${name}.txt`)),
  })),
];

// --- 1. false positives
const everything = new Redactor(['card', 'email', 'phone']);
const fpRows = sets.map(({ name, texts }) => {
  const byType: Record<string, number> = {};
  let flagged = 0;
  const examples: string[] = [];
  for (const text of texts) {
    const { text: masked, counts } = everything.redact(text);
    if (Object.keys(counts).length === 0) continue;
    flagged += 1;
    for (const [type, n] of Object.entries(counts)) byType[type] = (byType[type] ?? 0) + n;
    if (examples.length < 3) examples.push(`${text} → ${masked}`);
  }
  const withDigits = texts.filter((t) => /\d/.test(t)).length;
  return { name, n: texts.length, withDigits, flagged, byType, examples };
});
const allTexts = sets.reduce((n, s) => n + s.texts.length, 0);
const allFlagged = fpRows.reduce((n, r) => n + r.flagged, 0);

// --- 2. the Redactor alone
const banking = sets[1]?.texts ?? [];
// Realistic traffic: mostly plain questions, one in ten with a card number, an email or a phone number.
const PII = [
  'my card 4111 1111 1111 1111 was declined',
  'email me at sam.lee@example.com',
  'call me on +44 20 7946 0958',
];
const messages = banking.map((t, i) => (i % 10 === 0 ? `${t} ${PII[(i / 10) % PII.length] ?? ''}` : t));
const variants: Array<{ name: string; redactor: TextRedactor }> = [
  { name: 'none (REDACTION_TYPES=none, no patterns)', redactor: NO_REDACTION },
  { name: 'card only', redactor: new Redactor(['card']) },
  { name: 'card, email, phone (default)', redactor: everything },
  {
    name: 'default + 2 admin patterns',
    redactor: new Redactor(
      ['card', 'email', 'phone'],
      [
        { name: 'iban', regex: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,8}\b/g, replacement: '[iban]' },
        { name: 'member', regex: /MEM-\d{6}/g, replacement: '[member]' },
      ],
    ),
  },
];
const ROUNDS = quick ? 3 : 9;
// Warm every variant first, so the first measured one does not pay for the JIT.
for (const { redactor } of variants) for (const m of messages) redactor.redact(m);
const alone = variants.map(({ name, redactor }) => {
  const perMessage: number[] = [];
  let sink = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (const m of messages) sink += redactor.redact(m).text.length;
    perMessage.push(((performance.now() - t0) * 1000) / messages.length);
  }
  perMessage.sort((a, b) => a - b);
  return { name, us: percentile(perMessage, 50), sink };
});

// --- 3. a whole activity as Web Chat posts it, against its text alone
/** What Web Chat posts for a typed message: the text plus its channelData and capabilities. */
function webChatActivity(text: string, i: number): Record<string, unknown> {
  return {
    type: 'message',
    text,
    textFormat: 'plain',
    locale: 'en-GB',
    from: { id: 'bench-user', role: 'user' },
    channelData: { clientActivityID: `1733580000000${i}abcdef`, clientTimestamp: new Date(0).toISOString() },
    entities: [{ type: 'ClientCapabilities', requiresBotState: true, supportsListening: true, supportsTts: true }],
  };
}
const activities = messages.map(webChatActivity);
for (let i = 0; i < activities.length; i++) redactActivity(activities[i] ?? {}, everything);
const wholeActivity = (['text alone', 'every field (redactActivity)'] as const).map((name) => {
  const perMessage: number[] = [];
  let sink = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    if (name === 'text alone') for (const m of messages) sink += everything.redact(m).text.length;
    else for (const a of activities) sink += Object.keys(redactActivity(a, everything).counts).length;
    perMessage.push(((performance.now() - t0) * 1000) / messages.length);
  }
  perMessage.sort((a, b) => a - b);
  return { name, us: percentile(perMessage, 50), sink };
});

// --- 4. whole Direct Line turns, off and on
const TURNS = quick ? 40 : 150;
async function startBenchApp(dir: string, name: string, types: string) {
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: `file:${path.join(dir, `${name}.sqlite`)}`,
      REDACTION_TYPES: types,
    },
    ROOT,
  );
  const app = await createApp(config, createLogger('silent'));
  const server = await app.start();
  const base = `http://127.0.0.1:${server.port}`;
  const post = (url: string, token: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const generated = (await (await fetch(`${base}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as {
    token: string;
  };
  const started = (await (await post(`${base}/v3/directline/conversations`, generated.token, {})).json()) as {
    conversationId: string;
    token: string;
  };
  return {
    async turn(text: string): Promise<number> {
      const t0 = performance.now();
      const res = await post(
        `${base}/v3/directline/conversations/${started.conversationId}/activities`,
        started.token,
        webChatActivity(text, Math.floor(t0)),
      );
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`turn answered ${res.status}`);
      return performance.now() - t0;
    },
    stop: () => app.stop(),
  };
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'answerdesk-redaction-bench-'));
const off = await startBenchApp(dir, 'off', 'none');
const on = await startBenchApp(dir, 'on', 'card,email,phone');
const latencies = { off: [] as number[], on: [] as number[] };
try {
  // Warm both, then interleave in blocks so machine load drifts hit both alike.
  for (let i = 0; i < 5; i++) {
    await off.turn('hello');
    await on.turn('hello');
  }
  for (let i = 0; i < TURNS; i++) {
    const text = messages[(i * 7) % messages.length] ?? 'hello';
    const first = i % 2 === 0 ? off : on;
    const second = first === off ? on : off;
    const a = await first.turn(text);
    const b = await second.turn(text);
    (first === off ? latencies.off : latencies.on).push(a);
    (second === off ? latencies.off : latencies.on).push(b);
  }
} finally {
  await off.stop();
  await on.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
for (const xs of Object.values(latencies)) xs.sort((a, b) => a - b);

const none = alone[0]?.us ?? 0;
const fmt = (n: number, digits = 1) => n.toFixed(digits);
const lines = [
  '## Redaction at the door (issue 18)',
  '',
  `Run ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} cores${quick ? ' (quick)' : ''}.`,
  '',
  `False positives with every built-in type on (card, email, phone): the datasets hold no card numbers, emails or phone numbers, so each text masked is a false positive. **${allFlagged} of ${allTexts.toLocaleString('en')} texts** (${fmt((100 * allFlagged) / allTexts, 3)} %).`,
  '',
  '| set | texts | with a digit | masked | by type | examples (text → stored) |',
  '|---|---|---|---|---|---|',
  ...fpRows.map(
    (r) =>
      `| ${r.name} | ${r.n} | ${r.withDigits} | ${r.flagged} | ${
        Object.entries(r.byType)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ') || '–'
      } | ${r.examples.map((e) => e.replace(/\|/g, '\\|')).join('; ') || '–'} |`,
  ),
  '',
  `The Redactor alone, on the ${messages.length} BANKING77 test questions with a card number, an email or a phone number added to one in ten (median of ${ROUNDS} passes after a warm-up pass; the machine is shared, load average ${os.loadavg()[0]?.toFixed(1)}):`,
  '',
  '| redaction | µs per message | added per message |',
  '|---|---|---|',
  ...alone.map((a) => `| ${a.name} | ${fmt(a.us, 2)} | ${fmt(a.us - none, 2)} µs |`),
  '',
  `Every field of a Web Chat activity (text, channelData, entities; the client activity id and clock are kept as sent) against its text alone, default types, same messages (median of ${ROUNDS} passes):`,
  '',
  '| redaction of | µs per message |',
  '|---|---|',
  ...wholeActivity.map((a) => `| ${a.name} | ${fmt(a.us, 2)} |`),
  '',
  `Whole Direct Line turns (HTTP post → stored → bot turn → reply stored; one conversation each, ${TURNS} turns posted as Web Chat posts them, off and on interleaved in the same run; every field is redacted on the post and counted for the feedback record; the log is silent here):`,
  '',
  '| redaction | turns | mean ms | p50 ms | p99 ms |',
  '|---|---|---|---|---|',
  `| off (REDACTION_TYPES=none) | ${latencies.off.length} | ${fmt(mean(latencies.off), 2)} | ${fmt(percentile(latencies.off, 50), 2)} | ${fmt(percentile(latencies.off, 99), 2)} |`,
  `| on (card, email, phone) | ${latencies.on.length} | ${fmt(mean(latencies.on), 2)} | ${fmt(percentile(latencies.on, 50), 2)} | ${fmt(percentile(latencies.on, 99), 2)} |`,
  '',
  `Relative cost: the default redactor adds ${fmt((alone[2]?.us ?? 0) - none, 2)} µs per message it reads (a turn reads the customer's text twice: the transcript and the feedback record, ${fmt(2 * ((alone[2]?.us ?? 0) - none), 2)} µs/turn), ${fmt((100 * 2 * ((alone[2]?.us ?? 0) - none)) / 1000 / mean(latencies.off), 3)} % of a ${fmt(mean(latencies.off), 1)} ms turn; the whole-turn difference measured (${fmt(mean(latencies.on) - mean(latencies.off), 2)} ms) is within the noise of a shared machine.`,
];
fs.mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench/out/redaction.md'), `${lines.join('\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n`);
