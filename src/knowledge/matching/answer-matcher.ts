import { DEFAULT_TRAINING_SETTINGS } from '../../ml/index.ts';
import type { KnowledgeEntry } from '../knowledge-entry.ts';
import { trainCalibratedModel } from './calibrated-training.ts';
import { evidenceFor } from './candidate-evidence.ts';
import { ConfidenceCalibrator } from './confidence-calibrator.ts';
import { entryPhrasings } from './entry-phrasings.ts';
import type { Candidate, MatchResult } from './match-result.ts';
import { type ClassScore, MatcherModel, type MatcherModelSnapshot, type PreparedMessage } from './matcher-model.ts';
import { type MatcherOptions, resolveMatcherOptions } from './matcher-options.ts';
import { type MessageSpecificity, messageSpecificity, questionSignatures } from './message-specificity.ts';

/** What {@link AnswerMatcher.build} trains on and how the matcher decides. */
export interface AnswerMatcherBuild {
  readonly entries: readonly KnowledgeEntry[];
  /** Messages that must never be answered (`knowledge/out-of-scope.yaml`); default none. */
  readonly outOfScope?: readonly string[];
  readonly options?: Partial<MatcherOptions>;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Only the first this many characters of a message are matched (a pasted log must not stall a turn). */
const MAX_MATCH_CHARS = 1000;
/**
 * Below the threshold, a short message whose best candidate has at least this confidence and
 * which shares words with two candidates of at least `VAGUE_OFFER_CONFIDENCE` is asked back with
 * those candidates instead of getting "I didn't get that" — unless its words were typo-corrected
 * ("danke" is no evidence of any topic).
 */
const VAGUE_LIFT_CONFIDENCE = 0.2;
const VAGUE_OFFER_CONFIDENCE = 0.05;

/**
 * Version of the trained matcher's format and training. Bump it whenever `toSnapshot`'s shape or
 * anything that changes what training produces changes (features, SGD, calibration): snapshots
 * cached on disk under another version are retrained, never restored.
 */
export const MATCHER_MODEL_VERSION = 1;

/**
 * A trained {@link AnswerMatcher} as plain data (typed arrays, arrays, plain objects): what the
 * structured clone algorithm carries between threads and `v8.serialize` writes to disk. Matcher
 * options are not part of it: they only decide outcomes, never training.
 */
export interface AnswerMatcherSnapshot {
  readonly modelVersion: number;
  readonly entries: readonly KnowledgeEntry[];
  readonly model: MatcherModelSnapshot;
  readonly temperature: number;
  readonly calibrator: Float64Array;
  readonly hasOutOfScope: boolean;
}

/** What the matcher saw in a message and how it scored it: the admin's debugging view. */
export interface MatchExplanation {
  readonly normalised: string;
  readonly tokens: readonly string[];
  readonly terms: readonly string[];
  /** Out-of-vocabulary words and the vocabulary words they were corrected to. */
  readonly corrections: ReadonlyMap<string, string>;
  readonly temperature: number;
  /**
   * Probability the classifier gives the knowledge base's out-of-scope examples (`null` when it
   * has none): high means "this looks like a message the bot should not answer".
   */
  readonly outOfScopeProbability: number | null;
  readonly candidates: Candidate[];
  /** How much the message says about which entry it means (the vagueness rule's input). */
  readonly specificity: MessageSpecificity;
  readonly result: MatchResult;
}

/**
 * Finds the knowledge entry a customer message is about, or knows that it does not know.
 *
 * How a message is scored: the text pipeline normalises, tokenises and stems it; out-of-vocabulary
 * words are corrected with fuse.js; a softmax regression over sparse TF-IDF features (stemmed words,
 * word bigrams, character 2–5-grams) gives a probability per entry (over all entries, or over the
 * BM25 index's best 64 candidates for very large knowledge bases), with a temperature fitted on
 * phrasings held out of training (cross-validation for small knowledge bases).
 *
 * What `confidence` means: the estimated probability that answering with the entry is right. A
 * logistic `ConfidenceCalibrator`, fitted at build time on this knowledge base's own held-out
 * phrasings, combines four pieces of evidence (`CandidateEvidence`): the probability, its margin
 * over the runner-up, the share of the message's content words found in the entry's phrasings,
 * and the cosine similarity to the entry's closest phrasing. Held-out phrasings scored with their
 * own entry hidden stand in for out-of-scope messages (weighted as a 5% prior), which teaches it
 * what "none of these" looks like. So the same threshold means the same risk in every knowledge
 * base, large or tiny.
 *
 * Every entry trains the model, but disabled entries are never candidates: a question about a
 * disabled topic lands on it, which leaves little probability to the others, so it gets `no-match`
 * instead of a wrong answer. The knowledge base's out-of-scope examples (`knowledge/out-of-scope.yaml`)
 * train one more class that is never a candidate, for the same effect on small talk and other
 * off-topic messages; they also give the calibrator real out-of-scope messages to learn from. What
 * an entry trains on is given by `entryPhrasings` (questions, title, tags, answer sentences).
 *
 * @example
 * const matcher = AnswerMatcher.build({ entries, options: config.match });
 * const result = matcher.match("i cant login");
 * if (result.kind === 'answer') reply(result.entry.answer);
 */
export class AnswerMatcher {
  readonly options: MatcherOptions;
  readonly entries: readonly KnowledgeEntry[];
  readonly #model: MatcherModel;
  readonly #temperature: number;

  readonly #calibrator: ConfidenceCalibrator;
  readonly #hasOutOfScope: boolean;
  /** Each entry's class in the model (its index in `entries`). */
  readonly #classOf: Map<KnowledgeEntry, number>;
  #signatures: Map<string, number[]> | undefined;

  private constructor(
    entries: readonly KnowledgeEntry[],
    options: MatcherOptions,
    model: MatcherModel,
    temperature: number,
    calibrator: ConfidenceCalibrator,
    hasOutOfScope: boolean,
  ) {
    this.#calibrator = calibrator;
    this.#hasOutOfScope = hasOutOfScope;
    this.entries = entries;
    this.#classOf = new Map(entries.map((entry, cls) => [entry, cls]));
    this.options = options;
    this.#model = model;
    this.#temperature = temperature;
  }

  /**
   * Trains a matcher on the entries and, if any, the out-of-scope examples (messages that must
   * never be answered); `onProgress` reports training steps. Deterministic. Options left out
   * take `DEFAULT_MATCHER_OPTIONS` (the server's defaults).
   *
   * @example
   * const matcher = AnswerMatcher.build({ entries: kb.entries, outOfScope: kb.outOfScope, options: config.match });
   */
  static build({ entries, options = {}, onProgress, outOfScope = [] }: AnswerMatcherBuild): AnswerMatcher {
    const resolved = resolveMatcherOptions(options);
    const phrasings = entries.map(entryPhrasings);
    const texts = phrasings.map((p) => p.texts);
    const questions = phrasings.map((p) => p.questions);
    const answerable = entries.map((entry) => entry.enabled);
    const examples = outOfScope.filter((text) => text.trim() !== '');
    if (examples.length > 0) {
      // One extra class after the entries: index `entries.length`, never answerable.
      texts.push(examples);
      questions.push(examples.length);
      answerable.push(false);
    }
    const { model, temperature, calibrator } = trainCalibratedModel(
      texts,
      DEFAULT_TRAINING_SETTINGS,
      onProgress,
      questions,
      answerable,
    );
    return new AnswerMatcher([...entries], resolved, model, temperature, calibrator, examples.length > 0);
  }

  /** The trained matcher as plain data; `AnswerMatcher.restore` gives back one with identical results. */
  toSnapshot(): AnswerMatcherSnapshot {
    return {
      modelVersion: MATCHER_MODEL_VERSION,
      entries: this.entries,
      model: this.#model.toSnapshot(),
      temperature: this.#temperature,
      calibrator: this.#calibrator.toSnapshot(),
      hasOutOfScope: this.#hasOutOfScope,
    };
  }

  /**
   * A matcher from `toSnapshot()` (possibly made in another thread or process), with `options`
   * applied; restoring only rebuilds lookup maps, it never trains.
   * @throws Error when the snapshot has another `MATCHER_MODEL_VERSION` or is inconsistent.
   */
  static restore(snapshot: AnswerMatcherSnapshot, options: Partial<MatcherOptions> = {}): AnswerMatcher {
    if (snapshot.modelVersion !== MATCHER_MODEL_VERSION) {
      throw new Error(
        `AnswerMatcher snapshot has model version ${snapshot.modelVersion}, this code reads ${MATCHER_MODEL_VERSION}`,
      );
    }
    const model = MatcherModel.fromSnapshot(snapshot.model);
    const classes = snapshot.entries.length + (snapshot.hasOutOfScope ? 1 : 0);
    if (model.classCount !== classes)
      throw new Error(`AnswerMatcher snapshot: ${model.classCount} classes for ${classes} entries`);
    const calibrator = ConfidenceCalibrator.fromSnapshot(snapshot.calibrator);
    return new AnswerMatcher(
      [...snapshot.entries],
      resolveMatcherOptions(options),
      model,
      snapshot.temperature,
      calibrator,
      snapshot.hasOutOfScope,
    );
  }

  /** Decides the outcome for a customer message. Never throws; empty text gives `no-match`. */
  match(text: string): MatchResult {
    const message = this.#model.prepare(String(text ?? '').slice(0, MAX_MATCH_CHARS));
    const candidates = this.#rank(message, this.options.topN);
    return this.#decide(candidates, this.#specificity(message));
  }

  /** The `n` best enabled entries for a message, best first. */
  rank(text: string, n: number = this.options.topN): Candidate[] {
    return this.#rank(this.#model.prepare(String(text ?? '').slice(0, MAX_MATCH_CHARS)), n);
  }

  /** Everything the matcher saw and decided for a message. */
  explain(text: string, n: number = this.options.topN): MatchExplanation {
    const message = this.#model.prepare(String(text ?? '').slice(0, MAX_MATCH_CHARS));
    const scores = this.#model.classify(message);
    const candidates = this.#rank(message, n, scores);
    const specificity = this.#specificity(message);
    const { normalised, tokens, terms } = message.analysed;
    // The out-of-scope class is the one after the last entry.
    const outOfScopeProbability = this.#hasOutOfScope
      ? (scores.find((s) => s.cls === this.entries.length)?.probability ?? 0)
      : null;
    return {
      normalised,
      tokens,
      terms,
      corrections: message.corrections,
      temperature: this.#temperature,
      outOfScopeProbability,
      candidates,
      specificity,
      result: this.#decide(candidates, specificity),
    };
  }

  #rank(
    message: PreparedMessage,
    n: number,
    scores: readonly ClassScore[] = this.#model.classify(message),
  ): Candidate[] {
    const { tokens, stems } = message.analysed;
    const candidates: Candidate[] = [];
    // The calibrator can reorder candidates, so look a little further than n.
    for (const { cls, evidence } of evidenceFor(this.#model, message, scores, n * 3 + 5)) {
      const entry = this.entries[cls];
      // Disabled entries and the out-of-scope class (past the last entry) are never answered.
      if (entry === undefined || !entry.enabled) continue;
      const confidence = this.#calibrator.confidence(evidence);
      const matchedTerms = [...new Set(tokens.filter((_, i) => this.#model.lexical.classHas(cls, stems[i] as string)))];
      candidates.push({ entry, confidence, matchedTerms });
    }
    return candidates.sort((a, b) => b.confidence - a.confidence).slice(0, n);
  }

  #specificity(message: PreparedMessage): MessageSpecificity {
    const signatures = (): Map<string, number[]> => {
      this.#signatures ??= questionSignatures(this.entries.map((entry) => [...entry.questions, entry.title]));
      return this.#signatures;
    };
    const isAnswerable = (cls: number): boolean => this.entries[cls]?.enabled === true;
    return messageSpecificity(this.#model, message, isAnswerable, signatures, this.options.vagueTerms);
  }

  /**
   * The outcome, in order: too unsure (`no-match`); runner-up within the margin or of similar
   * weight (`ambiguous`, `close`); a short message that fits several entries or would start an
   * `escalate` topic (`ambiguous`, `vague`); otherwise `answer`.
   */
  #decide(candidates: Candidate[], specificity: MessageSpecificity): MatchResult {
    const { threshold, ambiguityMargin, closeRatio } = this.options;
    const [best, second] = candidates;
    if (best === undefined) return { kind: 'no-match', candidates };
    if (best.confidence < threshold) {
      // A short message that half-fits several entries ("an issue with my parcel") is asked back, not refused.
      const offered = candidates.filter((c) => c.matchedTerms.length > 0 && c.confidence >= VAGUE_OFFER_CONFIDENCE);
      const lift =
        best.confidence >= VAGUE_LIFT_CONFIDENCE &&
        offered.length >= 2 &&
        this.#isShort(specificity) &&
        specificity.correctedWords === 0;
      return lift ? { kind: 'ambiguous', reason: 'vague', candidates: offered } : { kind: 'no-match', candidates };
    }
    const isClose = (c: Candidate): boolean =>
      best.confidence - c.confidence < ambiguityMargin || c.confidence >= closeRatio * best.confidence;
    if (second !== undefined && isClose(second)) {
      return { kind: 'ambiguous', reason: 'close', candidates: candidates.filter(isClose) };
    }
    if (this.#isVague(best, specificity)) {
      // Only entries that share a word with the message are worth offering.
      return { kind: 'ambiguous', reason: 'vague', candidates: candidates.filter((c) => c.matchedTerms.length > 0) };
    }
    return { kind: 'answer', entry: best.entry, confidence: best.confidence, candidates };
  }

  /**
   * A short message is vague when its words fit two or more entries, or the best entry is an
   * `escalate` topic (never started on a word or two) — unless the admin wrote exactly those words
   * as a question of the best entry and of no other ("klarna", "delete my account").
   */
  #isVague(best: Candidate, specificity: MessageSpecificity): boolean {
    const { fittingEntries, ownQuestionOf } = specificity;
    if (!this.#isShort(specificity)) return false;
    const [owner, ...others] = ownQuestionOf;
    if (owner !== undefined && others.length === 0 && owner === this.#classOf.get(best.entry)) return false;
    return fittingEntries >= 2 || best.entry.escalate;
  }

  /** A few content words, at least one of which the knowledge knows (words it does not know still say something). */
  #isShort({ contentTerms, knownTerms }: MessageSpecificity): boolean {
    return knownTerms > 0 && contentTerms <= this.options.vagueTerms;
  }
}
