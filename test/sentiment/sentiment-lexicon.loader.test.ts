import { describe, expect, it } from 'vitest';
import { KnowledgeValidationError } from '../../src/knowledge/files/knowledge-validation.error.ts';
import { loadSentimentLexicon, parseSentimentLexicon } from '../../src/sentiment/sentiment-lexicon.loader.ts';
import { ValidationError } from '../../src/shared/app.error.ts';

function problemsOf(text: string): readonly string[] {
  try {
    parseSentimentLexicon(text, 'lex.yaml');
  } catch (error) {
    if (error instanceof KnowledgeValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected a KnowledgeValidationError');
}

describe('parseSentimentLexicon', () => {
  it("loads the fixture's lexicon with every section filled", async () => {
    const lexicon = await loadSentimentLexicon('test/fixtures/knowledge/sentiment/lexicon.yaml');
    expect(lexicon.words.get('unacceptable')).toBe(-3);
    expect(lexicon.phrases.get('still waiting')).toBe(-2);
    expect(lexicon.intensifiers.get('very')).toBe(1);
    expect(lexicon.emoji.get('😡')).toBe(-4);
    expect(lexicon.negators.has('never')).toBe(true);
  });

  it("canonicalises keys: case, curly apostrophes and n't", () => {
    const lexicon = parseSentimentLexicon('phrases:\n  "Haven’t Received": -2\nwords:\n  Grotty: -2\n', 'lex.yaml');
    expect(lexicon.phrases.get('havent received')).toBe(-2);
    expect(lexicon.words.get('grotty')).toBe(-2);
  });

  it.each([
    ['a score out of range', 'words:\n  awful: 9\n', 'lex.yaml:2:3: words.awful: score must be a number from -5 to 5'],
    ['a quoted score', 'words:\n  awful: "-3"\n', 'lex.yaml:2:3: words.awful: score must be a number from -5 to 5'],
    ['a missing score', 'words:\n  awful:\n', 'lex.yaml:2:3: words.awful: score must be a number from -5 to 5'],
    [
      'two words under words',
      'words:\n  very bad: -3\n',
      'lex.yaml:2:3: words.very bad: must be a single word (put multi-word entries under phrases)',
    ],
    [
      'one word under phrases',
      'phrases:\n  slow: -2\n',
      'lex.yaml:2:3: phrases.slow: must be two or more words, without punctuation or emoji',
    ],
    [
      'punctuation in a phrase',
      'phrases:\n  "so bad!": -2\n',
      'lex.yaml:2:3: phrases.so bad!: must be two or more words, without punctuation or emoji',
    ],
    [
      'a word under emoji',
      'emoji:\n  angry: -2\n',
      'lex.yaml:2:3: emoji.angry: must be a single emoji or text emoticon such as ":)"',
    ],
    ['an unknown section', 'word:\n  awful: -3\n', 'lex.yaml:1:1: word: unknown field (did you mean "words"?)'],
    [
      'a section that is not a mapping',
      'words:\n  - awful\n',
      'lex.yaml:1:1: words: must be a block of fields (name: value), but is a list',
    ],
    [
      'negators that are not a list',
      'negators: never\n',
      'lex.yaml:1:1: negators: must be a list, but is text ("never") (write each item on its own line, starting with "- ")',
    ],
    [
      'a negator phrase',
      'negators:\n  - no way\n',
      'lex.yaml:2:5: negators[0]: must be a single word (put multi-word entries under phrases)',
    ],
    [
      'the same word twice after canonicalising',
      'words:\n  awful: -3\n  Awful: -2\n',
      'lex.yaml:3:3: words.Awful: duplicate entry (same as "awful" above)',
    ],
  ])('reports %s with its location', (_name, text, expected) => {
    expect(problemsOf(text)).toEqual([expected]);
  });

  it('reports YAML syntax errors and duplicate keys with their location', () => {
    expect(problemsOf('words:\n  awful: -3\n  awful: -2\n')[0]).toMatch(
      /^lex\.yaml:3:3: YAML syntax: this field appears twice in the same block \(Map keys must be unique\)/,
    );
    expect(problemsOf('words: [awful\n')[0]).toMatch(/^lex\.yaml:\d+:\d+: /);
  });

  it('reports every problem in one error, which is a ValidationError', () => {
    let caught: unknown;
    try {
      parseSentimentLexicon('words:\n  awful: 9\n  bad word: -1\nemoji:\n  x: 1\n', 'lex.yaml');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as KnowledgeValidationError).problems).toHaveLength(3);
    expect((caught as KnowledgeValidationError).message).toContain('lex.yaml:5:3: emoji.x');
  });

  it('accepts an empty file as an empty lexicon', () => {
    expect(parseSentimentLexicon('', 'lex.yaml').words.size).toBe(0);
  });
});
