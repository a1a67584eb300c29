import { describe, expect, it } from 'vitest';
import { AnswerMatcher } from '../../../src/knowledge/matching/answer-matcher.ts';
import { generatedEntries, withTypos } from '../../helpers/generated-kb.ts';

/**
 * Above 300 entries the matcher switches to hashed weights with lexical candidates (see
 * `matcher-model.ts`); this holds that path to the same behaviour as the small-knowledge one.
 */
describe('AnswerMatcher on a knowledge base above 300 entries', () => {
  const entries = generatedEntries(400);
  const enabled = entries.filter((e) => e.enabled);
  const matcher = AnswerMatcher.build({ entries });
  // Wordings no training phrasing has: the same intent, other words around it.
  const reworded = (id: string): string[] => {
    const [a, d, o] = id.split('-') as [string, string, string];
    return [`could you ${a} my ${d} ${o} for me`, `need to ${a} ${d} ${o}`];
  };

  it('puts the right entry first for reworded questions', () => {
    const sample = enabled.filter((_, i) => i % 7 === 0);
    let top1 = 0;
    for (const entry of sample) {
      for (const text of reworded(entry.id)) if (matcher.match(text).candidates[0]?.entry.id === entry.id) top1 += 1;
    }
    expect(top1 / (sample.length * 2)).toBeGreaterThan(0.9);
  });

  it('puts the right entry first through typos', () => {
    const sample = enabled.filter((_, i) => i % 11 === 0);
    const hits = sample.filter(
      (entry) => matcher.match(withTypos(entry.questions[0] as string)).candidates[0]?.entry.id === entry.id,
    );
    expect(hits.length / sample.length).toBeGreaterThan(0.85);
  });

  it('never answers with a disabled entry', () => {
    const disabled = entries.filter((e) => !e.enabled);
    expect(disabled.length).toBeGreaterThan(0);
    for (const entry of disabled) {
      const result = matcher.match(entry.questions[0] as string);
      expect(result.candidates.map((c) => c.entry.id)).not.toContain(entry.id);
    }
  });

  it('does not answer text unlike any entry', () => {
    expect(matcher.match('the weather on mars is cold and red').kind).toBe('no-match');
  });
});
