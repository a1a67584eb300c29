import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPLAINT_CATEGORIES, EXAMPLE_LABELS } from '../../src/complaints/complaint-category.ts';
import { MAX_EXAMPLE_CHARS } from '../../src/complaints/complaint-examples.loader.ts';
import { SEVERITY_CUES } from '../../src/complaints/severity-cues.ts';
import { LEXICON_SCORE_MAX, LEXICON_SCORE_MIN } from '../../src/sentiment/sentiment-lexicon.loader.ts';

type Schema = {
  properties: Record<string, Schema & { enum?: string[]; maxLength?: number; items?: Schema }>;
  additionalProperties?: { minimum?: number; maximum?: number };
};
const schema = (name: string): Schema =>
  JSON.parse(readFileSync(`knowledge/schema/${name}.schema.json`, 'utf8')) as Schema;

// The schemas are what the loaders enforce; the code's lists must not drift from them.
describe('knowledge schemas of the analyzer files', () => {
  it('name exactly the complaint categories, example labels and severity cues the code knows', () => {
    expect(Object.keys(schema('complaint-topic-cues').properties['topics']?.properties ?? {})).toEqual([
      ...COMPLAINT_CATEGORIES,
    ]);
    expect(Object.keys(schema('complaint-severity-cues').properties['severity']?.properties ?? {})).toEqual([
      ...SEVERITY_CUES,
    ]);
    const example = schema('complaint-examples').properties['examples']?.items;
    expect(example?.properties['category']?.enum).toEqual([...EXAMPLE_LABELS]);
    expect(example?.properties['text']?.maxLength).toBe(MAX_EXAMPLE_CHARS);
  });

  it('bound lexicon scores to the range the code uses', () => {
    for (const section of ['words', 'phrases', 'intensifiers', 'emoji']) {
      expect(schema('sentiment-lexicon').properties[section]?.additionalProperties).toMatchObject({
        minimum: LEXICON_SCORE_MIN,
        maximum: LEXICON_SCORE_MAX,
      });
    }
  });
});
