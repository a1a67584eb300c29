import { describe, expect, it } from 'vitest';
import { COMPLAINT_CATEGORIES, NOT_A_COMPLAINT } from '../../src/complaints/complaint-category.ts';
import { loadComplaintExamples, parseComplaintExamples } from '../../src/complaints/complaint-examples.loader.ts';
import { KnowledgeValidationError } from '../../src/knowledge/files/knowledge-validation.error.ts';
import { ValidationError } from '../../src/shared/app.error.ts';

const VALID =
  'examples:\n  - { text: "where is my order", category: none }\n  - { text: "my parcel never came", category: delivery }\n';

function problemsOf(files: { file: string; text: string }[]): readonly string[] {
  try {
    parseComplaintExamples(files);
  } catch (error) {
    if (error instanceof KnowledgeValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected a KnowledgeValidationError');
}

describe('parseComplaintExamples', () => {
  it("loads the fixture's examples: at least 45 per category and 300 non-complaints, no duplicates", async () => {
    const examples = await loadComplaintExamples('test/fixtures/knowledge/complaints/examples');
    for (const category of COMPLAINT_CATEGORIES)
      expect(examples.filter((e) => e.label === category).length).toBeGreaterThanOrEqual(45);
    expect(examples.filter((e) => e.label === NOT_A_COMPLAINT).length).toBeGreaterThanOrEqual(300);
    expect(examples[0]?.source).toMatch(/^test\/fixtures\/knowledge\/complaints\/examples\/[a-z-]+\.yaml:\d+:\d+$/);
  });

  it('reads valid examples with their source location', () => {
    const examples = parseComplaintExamples([{ file: 'ex.yaml', text: VALID }]);
    expect(examples).toEqual([
      { text: 'where is my order', label: 'none', source: 'ex.yaml:2:5' },
      { text: 'my parcel never came', label: 'delivery', source: 'ex.yaml:3:5' },
    ]);
  });

  it.each([
    [
      'an unknown category',
      `${VALID}  - { text: "broken", category: broken_item }\n`,
      `ex.yaml:4:23: examples[2].category: must be one of ${[...COMPLAINT_CATEGORIES, 'none'].join(', ')}`,
    ],
    [
      'a missing text',
      `${VALID}  - { category: delivery }\n`,
      'ex.yaml:4:5: examples[2].text: is missing (this field is required)',
    ],
    [
      'an empty text',
      `${VALID}  - { text: "  ", category: delivery }\n`,
      'ex.yaml:4:7: examples[2].text: must not be empty',
    ],
    [
      'a number as text',
      `${VALID}  - { text: 42, category: delivery }\n`,
      'ex.yaml:4:7: examples[2].text: must be text, but is a number (42)',
    ],
    [
      'an unknown key',
      `${VALID}  - { text: "late", category: delivery, severity: high }\n`,
      'ex.yaml:4:41: examples[2].severity: unknown field (allowed fields: category, text)',
    ],
    [
      'an item that is not a mapping',
      `${VALID}  - just a string\n`,
      'ex.yaml:4:5: examples[2]: must be a block of fields (name: value), but is text ("just a string")',
    ],
    [
      'examples that are not a list',
      'examples: {}\n',
      'ex.yaml:1:1: examples: must be a list, but is a block of fields (write each item on its own line, starting with "- ")',
    ],
    ['a missing examples key', 'example: []\n', 'ex.yaml:1:1: example: unknown field (did you mean "examples"?)'],
  ])('reports %s with its location', (_name, text, expected) => {
    expect(problemsOf([{ file: 'ex.yaml', text }])).toContain(expected);
  });

  it('reports a duplicate across files with both locations', () => {
    const problems = problemsOf([
      { file: 'a.yaml', text: VALID },
      { file: 'b.yaml', text: 'examples:\n  - { text: "Where is my  order", category: delivery }\n' },
    ]);
    expect(problems).toEqual(['b.yaml:2:5: examples[0].text: duplicate of the example at a.yaml:2:5']);
  });

  it('reports YAML syntax errors with their location', () => {
    expect(
      problemsOf([{ file: 'ex.yaml', text: 'examples:\n  - { text: "unterminated, category: none }\n' }])[0],
    ).toMatch(/^ex\.yaml:\d+:\d+: /);
  });

  it('needs both complaints and non-complaints', () => {
    expect(problemsOf([{ file: 'ex.yaml', text: 'examples:\n  - { text: "hello", category: none }\n' }])).toEqual([
      'ex.yaml: examples: need at least one complaint and one "none" example',
    ]);
  });

  it('lists the problems of every file in one ValidationError', () => {
    let caught: unknown;
    try {
      parseComplaintExamples([
        { file: 'a.yaml', text: `${VALID}  - { text: "x", category: nope }\n` },
        { file: 'b.yaml', text: 'examples:\n  - { category: delivery }\n' },
      ]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const problems = (caught as KnowledgeValidationError).problems;
    expect(problems.some((p) => p.startsWith('a.yaml:4:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('b.yaml:2:'))).toBe(true);
  });
});
