import type { SentimentLabel } from './sentiment-label.ts';
import type { SentimentLexicon } from './sentiment-lexicon.ts';
import { EMPTY_SENTIMENT_LEXICON } from './sentiment-lexicon.ts';
import type { SentimentResult } from './sentiment-result.ts';
import type { SentimentToken } from './sentiment-tokenizer.ts';
import { tokenizeForSentiment } from './sentiment-tokenizer.ts';
import { SentimentVocabulary } from './sentiment-vocabulary.ts';

/** A negator reaches this many words ahead, within its clause ("not at all happy"). */
const NEGATION_SCOPE_WORDS = 3;
/** "not happy" keeps 75% of "happy"'s strength, reversed. */
const NEGATED_POSITIVE_FACTOR = 0.75;
/** "not bad" is only mildly positive: half of "bad"'s strength, reversed. */
const NEGATED_NEGATIVE_FACTOR = 0.5;
/** A word in capitals ("NEVER", "USELESS") gains this many points of strength. */
const CAPS_BOOST = 1;
/** Before "but"/"however" counts half, after it one and a half (as in VADER). */
const BEFORE_CONTRAST_WEIGHT = 0.5;
const AFTER_CONTRAST_WEIGHT = 1.5;
/** Each "!" (up to 4) adds this much strength to a sentence that already has a polarity. */
const EXCLAMATION_BOOST = 0.3;
/** Each "?" of a repeated run (up to 4) adds this much strength, likewise. */
const QUESTION_BOOST = 0.2;
/** "where is my parcel???" or "…?!" with no sentiment words: an insistent, frustrated question. */
const INSISTENT_QUESTION_SCORE = -1;
/** A message mostly in capitals (≥ 3 such words, ≥ 60% of words) is shouting: this much, if not positive. */
const SHOUTING_SCORE = -1;
/** Scores within ±this of zero are labelled neutral. */
const NEUTRAL_BAND = 0.5;
/** The same emoji counts at most this many times ("😡😡😡😡😡"). */
const MAX_SAME_EMOJI = 3;
/**
 * `comparative` is `score / sqrt(score² + COMPARATIVE_ALPHA)` (VADER's compound normalisation with
 * VADER's α): −2 ("my parcel is late") → −0.46, −3 ("you are useless") → −0.61, −8 → −0.90.
 */
const COMPARATIVE_ALPHA = 15;

type Unit =
  | { readonly kind: 'score'; readonly value: number; readonly caps: boolean; readonly modifiable: boolean }
  | { readonly kind: 'boost'; readonly value: number; readonly ownScore: number | null; readonly caps: boolean }
  | { readonly kind: 'negator' | 'contrast' | 'plain' | 'clause' };

/**
 * Scores support messages: AFINN (from the `sentiment` package) plus the support-domain lexicon,
 * with multi-word phrases, negation scope, intensifiers, capitals, "but" clauses, `!`/`?` runs and
 * emoji. Deterministic and side-effect free; `analyze` never throws.
 *
 * The package's own `analyze()` is not used: its `extras` option mutates the shared AFINN table,
 * its tokenizer drops case, `!`/`?` and emoji glued to words before scoring, it never matches
 * AFINN's multi-word entries, and its negation looks exactly one word back.
 *
 * @example
 * const analyzer = SentimentAnalyzer.create(await loadSentimentLexicon('knowledge/sentiment/lexicon.yaml'));
 * analyzer.analyze('still waiting, third time I ask!!').label; // 'negative'
 */
export class SentimentAnalyzer {
  private constructor(
    private readonly vocabulary: SentimentVocabulary,
    /** The support-domain lexicon it was built from (plain data: its snapshot form). */
    readonly lexicon: SentimentLexicon,
  ) {}

  /** Builds an analyzer over AFINN overlaid with `lexicon` (plain AFINN when omitted). */
  static create(lexicon: SentimentLexicon = EMPTY_SENTIMENT_LEXICON): SentimentAnalyzer {
    return new SentimentAnalyzer(new SentimentVocabulary(lexicon), lexicon);
  }

  analyze(text: string): SentimentResult {
    const tokens = tokenizeForSentiment(text);
    const emojiSeen = new Map<string, number>();
    let score = 0;
    let capsWords = 0;
    let casedWords = 0;
    let sentence: SentimentToken[] = [];
    for (const token of tokens) {
      if (token.kind === 'word') {
        if (token.cased) casedWords += 1;
        if (token.caps) capsWords += 1;
      }
      sentence.push(token);
      if (token.kind === 'boundary' && token.sentenceEnd) {
        score += this.scoreSentence(sentence, emojiSeen);
        sentence = [];
      }
    }
    score += this.scoreSentence(sentence, emojiSeen);
    if (capsWords >= 3 && capsWords >= 0.6 * casedWords && score <= 0) score += SHOUTING_SCORE;
    return toResult(score);
  }

  private scoreSentence(tokens: readonly SentimentToken[], emojiSeen: Map<string, number>): number {
    if (tokens.length === 0) return 0;
    const units = this.toUnits(tokens, emojiSeen);
    const contrastAt = units.findLastIndex((unit) => unit.kind === 'contrast');
    let sum = 0;
    units.forEach((unit, index) => {
      const value = unit.kind === 'score' ? modifiedScore(units, index, unit) : 0;
      if (value === 0) return;
      const weight = contrastAt < 0 ? 1 : index < contrastAt ? BEFORE_CONTRAST_WEIGHT : AFTER_CONTRAST_WEIGHT;
      sum += value * weight;
    });
    const last = tokens[tokens.length - 1];
    const exclamations = last?.kind === 'boundary' ? Math.min(last.exclamations, 4) : 0;
    const questions = last?.kind === 'boundary' ? last.questions : 0;
    if (sum !== 0) {
      const emphasis =
        EXCLAMATION_BOOST * exclamations + (questions >= 2 ? QUESTION_BOOST * Math.min(questions, 4) : 0);
      return sum + direction(sum) * emphasis;
    }
    return questions >= 2 || (questions >= 1 && exclamations >= 1) ? INSISTENT_QUESTION_SCORE : 0;
  }

  /** Groups words into vocabulary matches (longest phrase first) and marks clause edges. */
  private toUnits(tokens: readonly SentimentToken[], emojiSeen: Map<string, number>): Unit[] {
    const units: Unit[] = [];
    let run: { text: string; caps: boolean }[] = [];
    const flush = (): void => {
      const words = run.map((word) => word.text);
      for (let start = 0; start < run.length; ) {
        const match = this.vocabulary.match(words, start);
        const length = match?.length ?? 1;
        const caps = run.slice(start, start + length).some((word) => word.caps);
        if (match === null) units.push({ kind: 'plain' });
        else if (match.kind === 'score') units.push({ kind: 'score', value: match.value, caps, modifiable: true });
        else if (match.kind === 'boost')
          units.push({ kind: 'boost', value: match.value, ownScore: match.ownScore, caps });
        else units.push({ kind: match.kind });
        start += length;
      }
      run = [];
    };
    for (const token of tokens) {
      if (token.kind === 'word') {
        run.push(token);
        continue;
      }
      flush();
      if (token.kind === 'boundary') units.push({ kind: 'clause' });
      else units.push(this.emojiUnit(token.text, emojiSeen));
    }
    flush();
    return resolveDualWords(units);
  }

  private emojiUnit(emoji: string, emojiSeen: Map<string, number>): Unit {
    const seen = (emojiSeen.get(emoji) ?? 0) + 1;
    emojiSeen.set(emoji, seen);
    const value = this.vocabulary.emojiScore(emoji);
    return value === null || seen > MAX_SAME_EMOJI
      ? { kind: 'plain' }
      : { kind: 'score', value, caps: false, modifiable: false };
  }
}

/**
 * Words that are both intensifiers and opinion words ("super", "pretty") intensify when a
 * sentiment word follows ("super slow") and count on their own otherwise ("you're super").
 */
function resolveDualWords(units: Unit[]): Unit[] {
  return units.map((unit, index) => {
    if (unit.kind !== 'boost') return unit;
    const next = units[index + 1];
    if (next?.kind === 'score' || next?.kind === 'boost' || next?.kind === 'negator') return unit;
    return unit.ownScore === null ? unit : { kind: 'score', value: unit.ownScore, caps: unit.caps, modifiable: true };
  });
}

/** Applies the intensifiers, capitals and negation that precede a score within its clause. */
function modifiedScore(units: readonly Unit[], index: number, unit: Extract<Unit, { kind: 'score' }>): number {
  if (!unit.modifiable || unit.value === 0) return unit.value;
  let boost = unit.caps ? CAPS_BOOST : 0;
  let negated = false;
  for (let back = index - 1; back >= 0 && back >= index - NEGATION_SCOPE_WORDS; back -= 1) {
    const before = units[back];
    if (before === undefined || before.kind === 'clause' || before.kind === 'contrast') break;
    if (before.kind === 'boost') boost += before.value + (before.caps ? CAPS_BOOST : 0);
    else if (before.kind === 'negator') negated = !negated;
  }
  const magnitude = Math.max(Math.abs(unit.value) + boost, Math.abs(unit.value) * 0.25);
  const signed = direction(unit.value) * magnitude;
  if (!negated) return signed;
  return signed > 0 ? -signed * NEGATED_POSITIVE_FACTOR : -signed * NEGATED_NEGATIVE_FACTOR;
}

/**
 * -1, 0 or 1. Not `Math.sign`: `natural` loads `sylvester`, which replaces the global
 * `Math.sign` with one that returns 1 for 0.
 */
function direction(value: number): number {
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

/**
 * Not divided by the number of words: per word, "email problem" (−2 / 2 words) read as −1 and a
 * long furious message as −0.3. Normalising the sum keeps padding with neutral words from changing
 * it, and more anger (more or stronger negative words) from ever lowering it.
 */
function toResult(rawScore: number): SentimentResult {
  const score = Math.round(rawScore * 100) / 100;
  const comparative = Math.round((score / Math.sqrt(score * score + COMPARATIVE_ALPHA)) * 10_000) / 10_000;
  const label: SentimentLabel = score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral';
  return { score: Object.is(score, -0) ? 0 : score, comparative: Object.is(comparative, -0) ? 0 : comparative, label };
}
