import type { Checked } from '../knowledge/files/checked.ts';
import { KnowledgeFileReader } from '../knowledge/files/knowledge-file-reader.ts';
import { type KnowledgeProblem, KnowledgeValidationError } from '../knowledge/files/knowledge-validation.error.ts';
import { formatYamlPath, type YamlPathSegment, type YamlSource } from '../knowledge/files/knowledge-yaml-source.ts';
import type { SentimentLexicon } from './sentiment-lexicon.ts';
import { tokenizeForSentiment } from './sentiment-tokenizer.ts';

/** Scores and boosts must lie in AFINN's range (`knowledge/schema/sentiment-lexicon.schema.json` says the same). */
export const LEXICON_SCORE_MIN = -5;
export const LEXICON_SCORE_MAX = 5;

type KeyShape = 'one-word' | 'phrase' | 'words' | 'emoji';
type ScoreSection = 'words' | 'phrases' | 'intensifiers' | 'emoji';
const SHAPES: Readonly<Record<ScoreSection, KeyShape>> = {
  words: 'one-word',
  phrases: 'phrase',
  intensifiers: 'words',
  emoji: 'emoji',
};

/**
 * Reads and validates a lexicon file (`knowledge/sentiment/lexicon.yaml`) through the knowledge
 * file reader: its JSON Schema, then the key shapes and duplicates a schema cannot check.
 */
export async function readSentimentLexicon(
  file: string,
  reader: KnowledgeFileReader,
): Promise<Checked<SentimentLexicon>> {
  const { source, problems } = await reader.read(file, 'sentiment-lexicon');
  return source === undefined ? { kind: 'invalid', problems } : lexiconFromSource(source, problems);
}

/** Reads and validates a lexicon file; throws `KnowledgeValidationError` listing every problem. */
export async function loadSentimentLexicon(
  file: string,
  reader = new KnowledgeFileReader(),
): Promise<SentimentLexicon> {
  return valueOrThrow(await readSentimentLexicon(file, reader));
}

/**
 * Validates lexicon YAML text (`file` is the name used in problems). Every problem is reported as
 * `file:line:column: field: message`, all at once, in one `KnowledgeValidationError`.
 */
export function parseSentimentLexicon(
  text: string,
  file: string,
  reader = new KnowledgeFileReader(),
): SentimentLexicon {
  const { source, problems } = reader.parse(file, text, 'sentiment-lexicon');
  return valueOrThrow(source === undefined ? { kind: 'invalid', problems } : lexiconFromSource(source, problems));
}

function valueOrThrow(checked: Checked<SentimentLexicon>): SentimentLexicon {
  if (checked.kind === 'invalid') throw new KnowledgeValidationError(checked.problems);
  return checked.value;
}

/** The lexicon in a schema-checked file; `schemaProblems` are that check's findings. */
function lexiconFromSource(source: YamlSource, schemaProblems: readonly KnowledgeProblem[]): Checked<SentimentLexicon> {
  const problems = [...schemaProblems];
  const data = asRecord(source.data);
  const at = (path: readonly YamlPathSegment[], message: string): void => {
    problems.push({ file: source.file, ...source.locate(path), field: formatYamlPath(path), message });
  };
  const scores = (section: ScoreSection): Map<string, number> => {
    const result = new Map<string, number>();
    for (const [raw, value] of Object.entries(asRecord(data[section]))) {
      const key = canonicalKey(raw, SHAPES[section]);
      if (key === null) at([section, raw], SHAPE_RULES[SHAPES[section]]);
      else if (result.has(key)) at([section, raw], `duplicate entry (same as "${key}" above)`);
      else if (typeof value === 'number') result.set(key, value);
    }
    return result;
  };
  const negators = new Set<string>();
  const listed: unknown = data['negators'];
  (Array.isArray(listed) ? listed : []).forEach((item: unknown, index) => {
    if (typeof item !== 'string') return;
    const key = canonicalKey(item, 'one-word');
    if (key === null) at(['negators', index], SHAPE_RULES['one-word']);
    else negators.add(key);
  });
  const lexicon: SentimentLexicon = {
    words: scores('words'),
    phrases: scores('phrases'),
    intensifiers: scores('intensifiers'),
    emoji: scores('emoji'),
    negators,
  };
  return problems.length > 0 ? { kind: 'invalid', problems } : { kind: 'valid', value: lexicon };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
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
