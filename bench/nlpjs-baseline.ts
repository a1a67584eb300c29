/**
 * NLP.js as the comparison baseline, with its default training: `new Nlp({ languages: ['en'] })`,
 * every training text added with `addDocument`, `train()`, then `process()`; the predicted intent
 * is `result.intent` (NLP.js returns 'None' below its default 0.5 threshold). Only `@nlpjs/nlp` is
 * installed (not `@nlpjs/lang-en-min`), so NLP.js runs without its English stemmer and stop words.
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
}
type NlpConstructor = new (settings: Record<string, unknown>) => NlpInstance;

const require = createRequire(import.meta.url);
const { Nlp } = require('@nlpjs/nlp') as { Nlp: NlpConstructor };

/** Trains NLP.js on labelled texts and returns a predictor plus the training time. */
export async function trainNlpJs(rows: readonly { text: string; category: string }[]): Promise<{
  predict: (text: string) => Promise<string>;
  buildMs: number;
}> {
  const nlp = new Nlp({ languages: ['en'], autoSave: false, autoLoad: false, log: false, nlu: { log: false } });
  for (const row of rows) nlp.addDocument('en', row.text, row.category);
  const started = performance.now();
  await nlp.train();
  const buildMs = performance.now() - started;
  return { predict: async (text) => (await nlp.process('en', text)).intent, buildMs };
}
