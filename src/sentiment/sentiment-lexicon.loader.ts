import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair } from 'yaml';
import { pairKey, parseYamlFile, readKnowledgeText, readRootMap } from '../analysis/yaml-file.ts';
import type { YamlFile } from '../analysis/yaml-file.ts';
import { SentimentLexiconError } from './sentiment-lexicon.error.ts';
import type { SentimentLexicon } from './sentiment-lexicon.ts';
import { tokenizeForSentiment } from './sentiment-tokenizer.ts';

/** Scores and boosts must lie in AFINN's range. */
export const LEXICON_SCORE_MIN = -5;
export const LEXICON_SCORE_MAX = 5;

const SECTIONS = ['words', 'phrases', 'intensifiers', 'emoji', 'negators'] as const;
type KeyShape = 'one-word' | 'phrase' | 'words' | 'emoji';

/** Reads and validates a lexicon file; throws `SentimentLexiconError` listing every problem. */
export async function loadSentimentLexicon(file: string): Promise<SentimentLexicon> {
  const read = await readKnowledgeText(file);
  if ('problem' in read) throw new SentimentLexiconError([read.problem]);
  return parseSentimentLexicon(read.text, file);
}

/**
 * Validates lexicon YAML text. Every problem is reported as `file:line:column: field: message`,
 * all at once, so an admin can fix a file in one pass.
 */
export function parseSentimentLexicon(text: string, file: string): SentimentLexicon {
  const yaml = parseYamlFile(file, text);
  const problems = [...yaml.syntaxProblems];
  if (problems.length > 0) throw new SentimentLexiconError(problems);
  const sections = readRootMap(yaml, SECTIONS, [], problems);
  const lexicon: SentimentLexicon = {
    words: readScores(yaml, sections.get('words'), 'words', 'one-word', problems),
    phrases: readScores(yaml, sections.get('phrases'), 'phrases', 'phrase', problems),
    intensifiers: readScores(yaml, sections.get('intensifiers'), 'intensifiers', 'words', problems),
    emoji: readScores(yaml, sections.get('emoji'), 'emoji', 'emoji', problems),
    negators: readNegators(yaml, sections.get('negators'), problems),
  };
  if (problems.length > 0) throw new SentimentLexiconError(problems);
  return lexicon;
}

function readScores(yaml: YamlFile, pair: Pair | undefined, section: string, shape: KeyShape, problems: string[]): Map<string, number> {
  const scores = new Map<string, number>();
  if (pair === undefined || pair.value === null) return scores;
  const node = pair.value as Node;
  if (!isMap(node)) {
    problems.push(`${yaml.at(node)}: ${section}: expected a mapping of "entry: score"`);
    return scores;
  }
  for (const item of node.items) {
    const raw = pairKey(item);
    const where = yaml.at(item.key as Node);
    const field = `${section}.${raw ?? '(key)'}`;
    const key = raw === null ? null : canonicalKey(raw, shape);
    if (key === null) {
      problems.push(`${where}: ${field}: ${SHAPE_RULES[shape]}`);
      continue;
    }
    const value = isScalar(item.value) ? item.value.value : undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < LEXICON_SCORE_MIN || value > LEXICON_SCORE_MAX) {
      problems.push(`${yaml.at((item.value as Node | null) ?? (item.key as Node))}: ${field}: score must be a number from ${LEXICON_SCORE_MIN} to ${LEXICON_SCORE_MAX}`);
      continue;
    }
    if (scores.has(key)) problems.push(`${where}: ${field}: duplicate entry (same as "${key}" above)`);
    else scores.set(key, value);
  }
  return scores;
}

function readNegators(yaml: YamlFile, pair: Pair | undefined, problems: string[]): Set<string> {
  const negators = new Set<string>();
  if (pair === undefined || pair.value === null) return negators;
  const node = pair.value as Node;
  if (!isSeq(node)) {
    problems.push(`${yaml.at(node)}: negators: expected a list of words`);
    return negators;
  }
  node.items.forEach((item, index) => {
    const value = isScalar(item) ? item.value : undefined;
    const key = typeof value === 'string' ? canonicalKey(value, 'one-word') : null;
    if (key === null) problems.push(`${yaml.at(item as Node)}: negators[${index}]: ${SHAPE_RULES['one-word']}`);
    else negators.add(key);
  });
  return negators;
}

const SHAPE_RULES: Record<KeyShape, string> = {
  'one-word': 'must be a single word (put multi-word entries under phrases)',
  phrase: 'must be two or more words, without punctuation or emoji',
  words: 'must be one or more words, without punctuation or emoji',
  emoji: 'must be a single emoji or text emoticon such as ":)"',
};

/** The canonical key for an entry, or `null` when it does not have the shape its section needs. */
function canonicalKey(raw: string, shape: KeyShape): string | null {
  const tokens = tokenizeForSentiment(raw);
  if (tokens.length === 0) return null;
  if (shape === 'emoji') {
    const [only] = tokens;
    return tokens.length === 1 && only?.kind === 'emoji' ? only.text : null;
  }
  const words: string[] = [];
  for (const token of tokens) {
    if (token.kind !== 'word') return null;
    words.push(token.text);
  }
  if (shape === 'one-word' && words.length !== 1) return null;
  if (shape === 'phrase' && words.length < 2) return null;
  return words.join(' ');
}
