import type { SentimentLabel } from '../sentiment/sentiment-label.ts';
import natural from '../shared/natural.ts';
import { type ComplaintToneCue, complaintToneCues } from './complaint-tone.ts';
import { PhraseMatcher } from './phrase-matcher.ts';

/** Only the first this-many characters of a message are classified. */
const MAX_CLASSIFIED_CHARS = 2_000;
/**
 * At most this many distinct features per message and stage. The Bayes model multiplies one
 * probability per feature; past a few hundred the product underflows to zero for every class.
 */
const MAX_FEATURES_PER_MESSAGE = 80;
/**
 * Each topic cue counts as this many features for the `bayes` category model. Chosen by 5-fold
 * cross-validation on the training examples (1: 0.76, 2: 0.80, 3: 0.79 category accuracy).
 */
const TOPIC_WEIGHT = 2;

/** What each classifier stage sees of one message. */
export interface MessageFeatures {
  /** The classified part of the message (its first `MAX_CLASSIFIED_CHARS` characters). */
  readonly text: string;
  /** Names of the topics whose cue words occur in it. */
  readonly topics: readonly string[];
  /** Complaint or not: every stem and stem bigram, topics, and tone markers. */
  readonly detection: readonly string[];
  /** Which category, for the `bayes` category model: content stems (no stop words) and weighted topics. */
  readonly category: readonly string[];
  /** Tone cues of the classified text (`complaint-tone.ts`), for the second detector. */
  readonly tones: readonly ComplaintToneCue[];
}

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;
const QUESTION_OPENERS = new Set([
  'how',
  'what',
  'where',
  'when',
  'which',
  'who',
  'why',
  'can',
  'could',
  'do',
  'does',
  'is',
  'are',
  'will',
  'would',
  'should',
  'may',
]);
const IRREGULAR_NEGATIONS: Readonly<Record<string, string>> = {
  "can't": 'can',
  "won't": 'will',
  "shan't": 'shall',
  "ain't": 'is',
};
const STOP_STEMS: ReadonlySet<string> = new Set(natural.stopwords.map((word) => natural.PorterStemmer.stem(word)));
const STEM_CACHE_LIMIT = 20_000;

/**
 * Turns a message into classifier features: Porter stems (from `natural`) with `n't` split into
 * "not", stem bigrams, one `#topic:<name>` feature per topic whose cue words occur (from
 * `knowledge/complaints/topic-cues.yaml`), and tone markers: a question mark, an opening question
 * word, exclamation marks, and the message's sentiment label.
 */
export class ComplaintFeaturizer {
  private readonly stems = new Map<string, string>();
  private readonly topics: readonly { name: string; matcher: PhraseMatcher }[];

  constructor(topicCues: ReadonlyMap<string, readonly string[]> = new Map()) {
    this.topics = [...topicCues].map(([name, phrases]) => ({ name, matcher: new PhraseMatcher(phrases) }));
  }

  featurize(text: string, sentiment: SentimentLabel | null): MessageFeatures {
    const classified = (typeof text === 'string' ? text : '').slice(0, MAX_CLASSIFIED_CHARS);
    const normalised = classified.toLowerCase().replace(/’/g, "'");
    const words = this.stemWords(normalised);
    const topicNames = this.topics.filter((topic) => topic.matcher.test(normalised)).map((topic) => topic.name);
    const topics = topicNames.map((name) => `#topic:${name}`);

    const detection = new Set<string>(topics);
    if (sentiment !== null) detection.add(`#sentiment:${sentiment}`);
    if (normalised.includes('?')) detection.add('#question-mark');
    if (normalised.includes('!')) detection.add('#exclamation');
    if (words[0] !== undefined && QUESTION_OPENERS.has(words[0])) detection.add('#question-opener');
    for (let index = 0; index < words.length && detection.size < MAX_FEATURES_PER_MESSAGE; index += 1) {
      const word = words[index] ?? '';
      const next = words[index + 1];
      detection.add(word);
      if (next !== undefined) detection.add(`${word}_${next}`);
    }

    const category = new Set<string>();
    for (let copy = 1; copy <= TOPIC_WEIGHT; copy += 1) for (const topic of topics) category.add(`${topic}#${copy}`);
    for (const word of words) {
      if (category.size >= MAX_FEATURES_PER_MESSAGE) break;
      if (!STOP_STEMS.has(word)) category.add(word);
    }
    return {
      text: classified,
      topics: topicNames,
      detection: [...detection],
      category: [...category],
      tones: complaintToneCues(classified, sentiment),
    };
  }

  private stemWords(normalised: string): string[] {
    const words: string[] = [];
    for (const [word] of normalised.matchAll(WORD)) {
      const irregular = IRREGULAR_NEGATIONS[word];
      if (irregular !== undefined) words.push(irregular, 'not');
      else if (word.endsWith("n't")) words.push(this.stem(word.slice(0, -3)), 'not');
      else words.push(this.stem(word));
    }
    return words;
  }

  private stem(word: string): string {
    let stem = this.stems.get(word);
    if (stem === undefined) {
      stem = natural.PorterStemmer.stem(word);
      if (this.stems.size >= STEM_CACHE_LIMIT) this.stems.clear();
      this.stems.set(word, stem);
    }
    return stem;
  }
}
