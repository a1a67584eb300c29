import { trainCalibratedModel } from './calibrated-training.ts';
import type { KnowledgeEntry } from './knowledge-entry.ts';
import type { Candidate, MatchResult } from './match-result.ts';
import { resolveMatcherOptions, type MatcherOptions } from './matcher-options.ts';
import type { MatcherModel, PreparedMessage } from './matcher-model.ts';
import { DEFAULT_TRAINING_SETTINGS } from './softmax-training.ts';

/** Only the first this many characters of a message are matched (a pasted log must not stall a turn). */
export const MAX_MATCH_CHARS = 1000;
/** Added to the coverage before discounting, so one unknown word does not zero the confidence. */
const COVERAGE_FLOOR = 0.05;

/** What the matcher saw in a message and how it scored it: the admin's debugging view. */
export interface MatchExplanation {
  readonly normalised: string;
  readonly tokens: readonly string[];
  readonly terms: readonly string[];
  /** Out-of-vocabulary words and the vocabulary words they were corrected to. */
  readonly corrections: ReadonlyMap<string, string>;
  readonly temperature: number;
  readonly candidates: Candidate[];
  readonly result: MatchResult;
}

/**
 * Finds the knowledge entry a customer message is about, or knows that it does not know.
 *
 * How a message is scored: the text pipeline normalises, tokenises and stems it; out-of-vocabulary
 * words are corrected with fuse.js; a softmax regression over sparse TF-IDF features (stemmed words,
 * word bigrams, character 2–5-grams) gives a probability per entry (over all entries, or over the
 * BM25 index's best 64 candidates for very large knowledge bases).
 *
 * What `confidence` means: the softmax probability with a temperature fitted at build time on
 * held-out phrasings (so it is calibrated on this knowledge base's own data), multiplied by
 * `(coverage + 0.05) / 1.05`, where coverage is the share of the message's content words that occur
 * in the entry's phrasings. The discount costs little on in-scope messages and catches many
 * out-of-scope ones that a softmax alone answers confidently ("it must be one of these").
 *
 * Every entry trains the model, but disabled entries are never candidates: a question about a
 * disabled topic lands on it, which leaves little probability to the others, so it gets `no-match`
 * instead of a wrong answer. Each entry's questions are its phrasings, plus its title when the
 * title is not just its id.
 *
 * @example
 * const matcher = AnswerMatcher.build(entries);
 * const result = matcher.match("i cant login");
 * if (result.kind === 'answer') reply(result.entry.answer);
 */
export class AnswerMatcher {
  readonly options: MatcherOptions;
  readonly entries: readonly KnowledgeEntry[];
  readonly #model: MatcherModel;
  readonly #temperature: number;

  private constructor(entries: readonly KnowledgeEntry[], options: MatcherOptions, model: MatcherModel, temperature: number) {
    this.entries = entries;
    this.options = options;
    this.#model = model;
    this.#temperature = temperature;
  }

  /** Trains a matcher on the entries; `onProgress` reports training steps. Deterministic. */
  static build(
    entries: readonly KnowledgeEntry[],
    options: Partial<MatcherOptions> = {},
    onProgress?: (done: number, total: number) => void,
  ): AnswerMatcher {
    const resolved = resolveMatcherOptions(options);
    const phrasings = entries.map((entry) =>
      entry.title.trim() !== '' && entry.title !== entry.id ? [...entry.questions, entry.title] : [...entry.questions],
    );
    const { model, temperature } = trainCalibratedModel(phrasings, DEFAULT_TRAINING_SETTINGS, onProgress);
    return new AnswerMatcher([...entries], resolved, model, temperature);
  }

  /** Decides the outcome for a customer message. Never throws; empty text gives `no-match`. */
  match(text: string): MatchResult {
    return this.#decide(this.rank(text, this.options.topN));
  }

  /** The `n` best enabled entries for a message, best first. */
  rank(text: string, n: number = this.options.topN): Candidate[] {
    return this.#rank(this.#model.prepare(String(text ?? '').slice(0, MAX_MATCH_CHARS)), n);
  }

  /** Everything the matcher saw and decided for a message. */
  explain(text: string, n: number = this.options.topN): MatchExplanation {
    const message = this.#model.prepare(String(text ?? '').slice(0, MAX_MATCH_CHARS));
    const candidates = this.#rank(message, n);
    const { normalised, tokens, terms } = message.analysed;
    return { normalised, tokens, terms, corrections: message.corrections, temperature: this.#temperature, candidates, result: this.#decide(candidates) };
  }

  #rank(message: PreparedMessage, n: number): Candidate[] {
    const { tokens, stems, terms } = message.analysed;
    const content = [...new Set(terms)];
    const candidates: Candidate[] = [];
    for (const { cls, probability } of this.#model.classify(message)) {
      const entry = this.entries[cls] as KnowledgeEntry;
      if (!entry.enabled) continue;
      const shared = content.filter((term) => this.#model.lexical.classHas(cls, term));
      const coverage = content.length === 0 ? 0 : shared.length / content.length;
      const confidence = (probability * (coverage + COVERAGE_FLOOR)) / (1 + COVERAGE_FLOOR);
      const matchedTerms = [...new Set(tokens.filter((_, i) => shared.includes(stems[i] as string)))];
      candidates.push({ entry, confidence, matchedTerms });
      // Probabilities arrive sorted; the discount can reorder them, so look a little further than n.
      if (candidates.length >= n * 3 + 5) break;
    }
    return candidates.sort((a, b) => b.confidence - a.confidence).slice(0, n);
  }

  #decide(candidates: Candidate[]): MatchResult {
    const [best, second] = candidates;
    if (best === undefined || best.confidence < this.options.threshold) return { kind: 'no-match', candidates };
    if (second !== undefined && best.confidence - second.confidence < this.options.ambiguityMargin) {
      const close = candidates.filter((c) => best.confidence - c.confidence < this.options.ambiguityMargin);
      return { kind: 'ambiguous', candidates: close };
    }
    return { kind: 'answer', entry: best.entry, confidence: best.confidence, candidates };
  }
}
