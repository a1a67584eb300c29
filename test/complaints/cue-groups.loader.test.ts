import { describe, expect, it } from 'vitest';
import { COMPLAINT_CATEGORIES } from '../../src/complaints/complaint-category.ts';
import { loadCueGroups, parseCueGroups } from '../../src/complaints/cue-groups.loader.ts';
import { SEVERITY_CUES } from '../../src/complaints/severity-cues.ts';
import { KnowledgeValidationError } from '../../src/knowledge/files/knowledge-validation.error.ts';

function problemsOf(text: string): readonly string[] {
  try {
    parseCueGroups(text, 'cues.yaml', 'severity', SEVERITY_CUES);
  } catch (error) {
    if (error instanceof KnowledgeValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected a KnowledgeValidationError');
}

describe('parseCueGroups', () => {
  it("loads the fixture's severity and topic cue files with every group filled", async () => {
    const severity = await loadCueGroups(
      'test/fixtures/knowledge/complaints/severity-cues.yaml',
      'severity',
      SEVERITY_CUES,
    );
    const topics = await loadCueGroups(
      'test/fixtures/knowledge/complaints/topic-cues.yaml',
      'topics',
      COMPLAINT_CATEGORIES,
    );
    for (const cue of SEVERITY_CUES) expect(severity.get(cue)?.length).toBeGreaterThan(0);
    for (const category of COMPLAINT_CATEGORIES) expect(topics.get(category)?.length).toBeGreaterThan(0);
  });

  it('gives groups left out of the file an empty list', () => {
    expect(
      parseCueGroups('severity:\n  fraud: [fraud]\n', 'cues.yaml', 'severity', SEVERITY_CUES).get('legal_threat'),
    ).toEqual([]);
  });

  it.each([
    [
      'an unknown group',
      'severity:\n  danger: [fire]\n',
      'cues.yaml:2:3: severity.danger: unknown field (allowed fields: safety_hazard, legal_threat, fraud, chargeback, churn_threat, repeated_contact)',
    ],
    [
      'a group that is not a list',
      'severity:\n  fraud: fraud\n',
      'cues.yaml:2:3: severity.fraud: must be a list, but is text ("fraud") (write each item on its own line, starting with "- ")',
    ],
    [
      'a "*" inside a word',
      'severity:\n  fraud:\n    - fr*ud\n',
      'cues.yaml:3:7: severity.fraud[0]: "*" is only allowed at the end of a word',
    ],
    [
      'a phrase with no letters',
      'severity:\n  fraud:\n    - "!!"\n',
      'cues.yaml:3:7: severity.fraud[0]: must be a phrase with at least one letter or digit',
    ],
    ['a wrong root key', 'topics:\n  fraud: [x]\n', 'cues.yaml:1:1: topics: unknown field (allowed fields: severity)'],
  ])('reports %s with its location', (_name, text, expected) => {
    expect(problemsOf(text)).toContain(expected);
  });
});
