/**
 * NLP.js as the comparison baseline, with its default training: `new Nlp({ languages: ['en'] })`,
 * every training text added with `addDocument`, `train()`, then `process()`; the predicted intent
 * is `result.intent` (NLP.js returns 'None' below its default 0.5 threshold).
 *
 * Two configurations: `@nlpjs/nlp` alone (no English stemmer or normaliser), and with
 * `nlp.use(LangEn)` from `@nlpjs/lang-en-min`, NLP.js's own English package. The second is how
 * NLP.js is meant to be run for English and reproduces the reference the issue quotes for the NLU
 * corpora (255/274).
 */
import { createRequire } from 'node:module';

interface NlpResult {
  intent: string;
  score: number;
}
interface NlpInstance {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<void>;
  process(locale: string, utterance: string): Promise<NlpResult>;
  use(plugin: unknown): void;
}
type NlpConstructor = new (settings: Record<string, unknown>) => NlpInstance;

const require = createRequire(import.meta.url);
const { Nlp } = require('@nlpjs/nlp') as { Nlp: NlpConstructor };
const { LangEn } = require('@nlpjs/lang-en-min') as { LangEn: unknown };

/** Trains NLP.js on labelled texts (with its English package when `english`) and returns a predictor plus the training time. */
export async function trainNlpJs(
  rows: readonly { text: string; category: string }[],
  english = false,
): Promise<{
  predict: (text: string) => Promise<string>;
  buildMs: number;
}> {
  const nlp = new Nlp({ languages: ['en'], autoSave: false, autoLoad: false, log: false, nlu: { log: false } });
  if (english) nlp.use(LangEn);
  for (const row of rows) nlp.addDocument('en', row.text, row.category);
  const started = performance.now();
  await nlp.train();
  const buildMs = performance.now() - started;
  return { predict: async (text) => (await nlp.process('en', text)).intent, buildMs };
}
