import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../../src/knowledge/files/knowledge.loader.ts';
import { KnowledgeValidationError } from '../../../src/knowledge/files/knowledge-validation.error.ts';
import { RESPONSE_KEYS } from '../../../src/knowledge/knowledge-base.ts';
import { ValidationError } from '../../../src/shared/app.error.ts';
import { REPO_ROOT } from '../../helpers/cli.ts';
import {
  lines,
  removeKnowledgeDir,
  simpleFaq,
  VALID_RESPONSES,
  writeKnowledgeDir,
} from '../../helpers/knowledge-fixture.ts';
import { FIXTURE_KNOWLEDGE_DIR } from '../../helpers/test-config.ts';

const dirs: string[] = [];

async function knowledgeDir(files: Record<string, string | null>): Promise<string> {
  const dir = await writeKnowledgeDir(files);
  dirs.push(dir);
  return dir;
}

/** Problems reported for a folder holding `files` plus one valid entry in `faq/base.yaml`. */
async function problemsOf(files: Record<string, string | null>): Promise<readonly string[]> {
  const dir = await knowledgeDir({ 'faq/base.yaml': simpleFaq('base-entry'), ...files });
  const error = await loadKnowledgeBase(dir, { cwd: dir }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof KnowledgeValidationError))
    throw new Error(`expected a KnowledgeValidationError, got ${String(error)}`);
  return error.problems;
}

const LIST_HINT = '(write each item on its own line, starting with "- ")';

afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeKnowledgeDir));
});

describe('loadKnowledgeBase', () => {
  it('loads FAQ files at any depth in path order, applies defaults and ignores other folders', async () => {
    const dir = await knowledgeDir({
      'faq/orders.yaml': lines(
        '# yaml-language-server: $schema=../schema/faq.schema.json',
        'entries:',
        '  - id: track-order',
        '    title: Track my order',
        '    questions: [where is my order, order status]',
        '    answer: |',
        '      Open **Orders**.',
        '  - id: order-delayed',
        '    title: My order is late',
        '    questions: [my order is late]',
        '    answer: Sorry!',
        '    tags: [orders, delivery]',
        '    followUps: [track-order, start-return]',
        '    escalate: true',
        '    enabled: false',
      ),
      'faq/deep/er/returns.yml': simpleFaq('start-return'),
      'faq/.#orders.yaml': 'not: [valid',
      'faq/notes.txt': 'not: [valid',
      'sentiment/lexicon.yaml': 'not: [valid',
      'complaints/categories.yaml': 'not: [valid',
      'responses.yaml': `${VALID_RESPONSES}  popularTopics: [track-order]\n`,
    });

    const kb = await loadKnowledgeBase(dir, { cwd: dir });

    expect(kb.files).toEqual(['faq/deep/er/returns.yml', 'faq/orders.yaml', 'responses.yaml']);
    expect(kb.entries).toEqual([
      {
        id: 'start-return',
        title: 'Title of start-return',
        questions: ['question about start-return'],
        answer: 'Answer about start-return.',
        tags: [],
        followUps: [],
        escalate: false,
        enabled: true,
      },
      {
        id: 'track-order',
        title: 'Track my order',
        questions: ['where is my order', 'order status'],
        answer: 'Open **Orders**.\n',
        tags: [],
        followUps: [],
        escalate: false,
        enabled: true,
      },
      {
        id: 'order-delayed',
        title: 'My order is late',
        questions: ['my order is late'],
        answer: 'Sorry!',
        tags: ['orders', 'delivery'],
        followUps: ['track-order', 'start-return'],
        escalate: true,
        enabled: false,
      },
    ]);
    expect(kb.responses.greeting).toBe('Text for greeting.');
    expect(kb.responses.popularTopics).toEqual(['track-order']);
  });

  it('defaults popularTopics to an empty list', async () => {
    const dir = await knowledgeDir({ 'faq/a.yaml': simpleFaq('a') });
    const kb = await loadKnowledgeBase(dir, { cwd: dir });
    expect(kb.responses.popularTopics).toEqual([]);
    expect(Object.keys(kb.responses).sort()).toEqual(
      [...RESPONSE_KEYS, 'popularTopics', 'smallTalk', 'languages'].sort(),
    );
    expect(kb.responses.smallTalk).toEqual({ fillers: [], topics: [] });
    expect(kb.responses.languages).toEqual(['en']);
  });

  it('loads the out-of-scope examples trimmed, in file order, and lists their file last', async () => {
    const dir = await knowledgeDir({
      'faq/a.yaml': simpleFaq('a'),
      'out-of-scope.yaml': lines(
        '# yaml-language-server: $schema=schema/out-of-scope.schema.json',
        'examples:',
        "  - What's the weather like today?",
        '  - "  Tell me a joke  "',
        '  - |',
        '    Are you hiring?',
      ),
    });
    const kb = await loadKnowledgeBase(dir, { cwd: dir });
    expect(kb.outOfScope).toEqual(["What's the weather like today?", 'Tell me a joke', 'Are you hiring?']);
    expect(kb.files).toEqual(['faq/a.yaml', 'responses.yaml', 'out-of-scope.yaml']);
  });

  it('has no out-of-scope examples, and no problem, without out-of-scope.yaml', async () => {
    const dir = await knowledgeDir({ 'faq/a.yaml': simpleFaq('a'), 'out-of-scope.yml': 'not: [valid' });
    const kb = await loadKnowledgeBase(dir, { cwd: dir });
    expect(kb.outOfScope).toEqual([]);
    expect(kb.files).toEqual(['faq/a.yaml', 'responses.yaml']);
  });

  it('shows paths relative to the working folder when the knowledge folder is inside it', async () => {
    const dir = await knowledgeDir({ 'faq/a.yaml': simpleFaq('a') });
    const kb = await loadKnowledgeBase(dir, { cwd: path.dirname(dir) });
    expect(kb.files).toEqual([`${path.basename(dir)}/faq/a.yaml`, `${path.basename(dir)}/responses.yaml`]);
  });

  // The shipped folder itself is loaded by test/smoke/shipped-knowledge.test.ts only.
  it("loads a whole knowledge folder (the tests' fixture), with its out-of-scope examples", async () => {
    const kb = await loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR, { cwd: REPO_ROOT });
    expect(kb.entries.length).toBeGreaterThan(0);
    expect(kb.files).toContain('test/fixtures/knowledge/responses.yaml');
    expect(kb.files).toContain('test/fixtures/knowledge/out-of-scope.yaml');
    expect(kb.outOfScope.length).toBeGreaterThan(0);
    expect(kb.outOfScope).toContain("What's the weather like today?");
  });

  it('throws a ValidationError whose details match the formatted problems', async () => {
    const dir = await knowledgeDir({ 'faq/a.yaml': lines('entries:', '  - id: a', '    title: A', '    answer: x') });
    const error = await loadKnowledgeBase(dir, { cwd: dir }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ValidationError);
    const { details, problems } = error as KnowledgeValidationError;
    expect(problems).toEqual(['faq/a.yaml:2:5: entries[0].questions: is missing (this field is required)']);
    expect(details).toEqual([
      {
        file: 'faq/a.yaml',
        line: 2,
        column: 5,
        field: 'entries[0].questions',
        message: 'is missing (this field is required)',
      },
    ]);
  });

  it('reports a YAML syntax error at its position and still checks the other files', async () => {
    const problems = await problemsOf({
      'faq/broken.yaml': lines(
        'entries:',
        '  - id: broken',
        '    title: Broken',
        '    questions: [what broke]',
        '    answer: Note: it broke',
      ),
      'faq/other.yaml': lines('entries:', '  - id: other', '    title: Other', '    questions: [other question]'),
    });
    expect(problems).toEqual([
      'faq/broken.yaml:5:13: YAML syntax: text containing ": " must be put in quotes, or written on the next lines after "|" (Nested mappings are not allowed in compact mappings)',
      'faq/other.yaml:2:5: entries[0].answer: is missing (this field is required)',
    ]);
  });

  it.each([
    [
      'a tab used for indenting',
      lines('entries:', '  - id: tabbed', '\ttitle: Tabbed'),
      'faq/a.yaml:3:1: YAML syntax: use spaces, not tabs, to indent',
    ],
    [
      'a field written twice',
      lines('entries:', '  - id: twice', '    id: again'),
      'faq/a.yaml:3:5: YAML syntax: this field appears twice in the same block',
    ],
  ])('reports %s as a YAML syntax error', async (_case, text, expected) => {
    const [problem, ...rest] = await problemsOf({ 'faq/a.yaml': text });
    expect(rest).toEqual([]);
    expect(problem?.startsWith(expected)).toBe(true);
  });

  it.each(['id', 'title', 'questions', 'answer'])('reports a missing %s at the start of its entry', async (field) => {
    const entry = ['id: no-such-luck', 'title: Title', 'questions: [a question]', 'answer: An answer.']
      .filter((line) => !line.startsWith(`${field}:`))
      .map((line, index) => (index === 0 ? `  - ${line}` : `    ${line}`));
    expect(await problemsOf({ 'faq/a.yaml': lines('entries:', ...entry) })).toEqual([
      `faq/a.yaml:2:5: entries[0].${field}: is missing (this field is required)`,
    ]);
  });

  it('reports empty text and empty lists at their keys and items', async () => {
    const problems = await problemsOf({
      'faq/a.yaml': lines(
        'entries:',
        '  - id: empty-things',
        '    title: ""',
        '    questions: []',
        '    answer: "   "',
        '  - id: empty-question',
        '    title: T',
        '    questions:',
        '      - ok question',
        '      - ""',
        '    answer:',
      ),
    });
    expect(problems).toEqual([
      'faq/a.yaml:3:5: entries[0].title: must not be empty',
      'faq/a.yaml:4:5: entries[0].questions: must have at least 1 item',
      'faq/a.yaml:5:5: entries[0].answer: must not be empty',
      'faq/a.yaml:10:9: entries[1].questions[1]: must not be empty',
      'faq/a.yaml:11:5: entries[1].answer: must not be empty',
    ]);
  });

  it('reports wrong types in words an admin understands', async () => {
    const problems = await problemsOf({
      'faq/a.yaml': lines(
        'entries:',
        '  - id: typed',
        '    title: 42',
        '    questions: where is it',
        '    answer: [a, b]',
        '    tags: orders',
        '    escalate: 1',
        '    enabled: "yes"',
      ),
    });
    expect(problems).toEqual([
      'faq/a.yaml:3:5: entries[0].title: must be text, but is a number (42)',
      `faq/a.yaml:4:5: entries[0].questions: must be a list, but is text ("where is it") ${LIST_HINT}`,
      'faq/a.yaml:5:5: entries[0].answer: must be text, but is a list',
      `faq/a.yaml:6:5: entries[0].tags: must be a list, but is text ("orders") ${LIST_HINT}`,
      'faq/a.yaml:7:5: entries[0].escalate: must be true or false, but is a number (1)',
      'faq/a.yaml:8:5: entries[0].enabled: must be true or false, but is text ("yes")',
    ]);
  });

  it.each([
    ['an empty file', '', ['faq/a.yaml:1:1: (top level): the file is empty; it must start with "entries:"']],
    [
      'a list instead of "entries:"',
      lines('- id: x'),
      ['faq/a.yaml:1:1: (top level): the file has the wrong layout; it must start with "entries:"'],
    ],
    [
      '"entries:" with nothing under it',
      lines('entries:'),
      [`faq/a.yaml:1:1: entries: must be a list, but is empty ${LIST_HINT}`],
    ],
    ['an empty entries list', lines('entries: []'), ['faq/a.yaml:1:1: entries: must have at least 1 item']],
    [
      'a misspelt "entries:"',
      `${simpleFaq('x').replace('entries:', 'entris:')}`,
      [
        'faq/a.yaml:1:1: entries: is missing (this field is required)',
        'faq/a.yaml:1:1: entris: unknown field (did you mean "entries"?)',
      ],
    ],
  ])('reports %s', async (_case, text, expected) => {
    expect(await problemsOf({ 'faq/a.yaml': text })).toEqual(expected);
  });

  it('reports unknown fields at their key, suggesting the closest known one', async () => {
    const problems = await problemsOf({
      'faq/a.yaml': lines(
        'entries:',
        '  - id: unknown-fields',
        '    tittle: Typo',
        '    title: Title',
        '    questions: [q]',
        '    answer: a',
        '    colour: red',
        'version: 2',
      ),
    });
    expect(problems).toEqual([
      'faq/a.yaml:3:5: entries[0].tittle: unknown field (did you mean "title"?)',
      'faq/a.yaml:7:5: entries[0].colour: unknown field (allowed fields: id, title, questions, answer, tags, followUps, escalate, enabled)',
      'faq/a.yaml:8:1: version: unknown field (allowed fields: entries)',
    ]);
  });

  it.each(['Track-Order', 'track_order', 'track--order', 'track order'])(
    'rejects the id "%s" as not kebab-case',
    async (id) => {
      expect(await problemsOf({ 'faq/a.yaml': simpleFaq(id) })).toEqual([
        'faq/a.yaml:2:5: entries[0].id: must be lowercase letters and digits joined by single hyphens, like "track-order"',
      ]);
    },
  );

  it('reports a duplicate id once, at the second copy, naming both places, across files', async () => {
    const problems = await problemsOf({
      'faq/a.yaml': simpleFaq('same-id'),
      'faq/sub/b.yaml': lines(
        'entries:',
        '  - id: other',
        '    title: Other',
        '    questions: [something else]',
        '    answer: Else.',
        '  - id: same-id',
        '    title: Copy',
        '    questions: [a different question]',
        '    answer: Copy.',
      ),
    });
    expect(problems).toEqual([
      'faq/sub/b.yaml:6:5: entries[1].id: the id "same-id" is used by more than one entry (also at faq/a.yaml:2:5)',
    ]);
  });

  it('reports follow-ups that are unknown, the entry itself or switched off', async () => {
    const problems = await problemsOf({
      'faq/a.yaml': lines(
        'entries:',
        '  - id: track-order',
        '    title: Track',
        '    questions: [where is my order]',
        '    answer: Here.',
        '    followUps: [order-delayd, track-order, retired, order-delayed]',
        '  - id: order-delayed',
        '    title: Late',
        '    questions: [my order is late]',
        '    answer: Sorry.',
        '  - id: retired',
        '    title: Old',
        '    questions: [old question]',
        '    answer: Old.',
        '    enabled: false',
      ),
    });
    expect(problems).toEqual([
      'faq/a.yaml:6:17: entries[0].followUps[0]: no entry has the id "order-delayd" (did you mean "order-delayed"?)',
      'faq/a.yaml:6:31: entries[0].followUps[1]: an entry cannot be its own follow-up',
      'faq/a.yaml:6:44: entries[0].followUps[2]: the entry "retired" is switched off (enabled: false); remove it here or switch it on',
    ]);
  });

  it('reports the same question under two entries at both places, ignoring case, spaces and punctuation', async () => {
    const problems = await problemsOf({
      'faq/a.yaml': lines(
        'entries:',
        '  - id: track-order',
        '    title: Track',
        '    questions:',
        '      - Where is my order?',
        '    answer: Here.',
      ),
      'faq/deep/er/b.yaml': lines(
        'entries:',
        '  - id: find-parcel',
        '    title: Parcel',
        '    questions: [find my parcel, "  where IS my   order "]',
        '    answer: There.',
        '  - id: old-track',
        '    title: Old',
        '    questions: [where is my order]',
        '    answer: Old.',
        '    enabled: false',
      ),
    });
    expect(problems).toEqual([
      'faq/a.yaml:5:9: entries[0].questions[0]: the same question is also under entry "find-parcel" (faq/deep/er/b.yaml:4:33); a question can belong to one entry only',
      'faq/deep/er/b.yaml:4:33: entries[0].questions[1]: the same question is also under entry "track-order" (faq/a.yaml:5:9); a question can belong to one entry only',
    ]);
  });

  it('reports a question repeated within one entry at the repeat', async () => {
    const problems = await problemsOf({
      'faq/a.yaml': lines(
        'entries:',
        '  - id: track-order',
        '    title: Track',
        '    questions:',
        "      - Where's my order?",
        '      - track it',
        '      - wheres my ORDER',
        '    answer: Here.',
      ),
    });
    expect(problems).toEqual([
      'faq/a.yaml:7:9: entries[0].questions[2]: this question is already listed in this entry as entries[0].questions[0] (line 5)',
    ]);
  });

  it.each([
    ['an empty file', '', ['out-of-scope.yaml:1:1: (top level): the file is empty; it must start with "examples:"']],
    [
      'a misspelt "examples:"',
      lines('exampels:', '  - Tell me a joke'),
      [
        'out-of-scope.yaml:1:1: exampels: unknown field (did you mean "examples"?)',
        'out-of-scope.yaml:1:1: examples: is missing (this field is required)',
      ],
    ],
    [
      'an unknown field',
      lines('examples:', '  - Tell me a joke', 'notes: small talk'),
      ['out-of-scope.yaml:3:1: notes: unknown field (allowed fields: examples)'],
    ],
    [
      'examples that are not a list',
      lines('examples: Tell me a joke'),
      [`out-of-scope.yaml:1:1: examples: must be a list, but is text ("Tell me a joke") ${LIST_HINT}`],
    ],
    ['an empty list', lines('examples: []'), ['out-of-scope.yaml:1:1: examples: must have at least 1 item']],
    [
      'empty and non-text examples',
      lines('examples:', '  - Tell me a joke', '  - ""', '  - "   "', '  - Note: a colon makes this a block', '  - 42'),
      [
        'out-of-scope.yaml:3:5: examples[1]: must not be empty',
        'out-of-scope.yaml:4:5: examples[2]: must not be empty',
        'out-of-scope.yaml:5:5: examples[3]: must be text, but is a block of fields',
        'out-of-scope.yaml:6:5: examples[4]: must be text, but is a number (42)',
      ],
    ],
  ])('reports %s in the out-of-scope file', async (_case, text, expected) => {
    expect(await problemsOf({ 'out-of-scope.yaml': text })).toEqual(expected);
  });

  it('reports a YAML syntax error in the out-of-scope file together with the other problems', async () => {
    const problems = await problemsOf({
      'faq/a.yaml': lines('entries:', '  - id: a', '    title: ""', '    questions: [q]', '    answer: A'),
      'out-of-scope.yaml': lines('examples:', '  - Tell me a joke', '  - Time: is it: 7am yet?'),
    });
    expect(problems).toEqual([
      'faq/a.yaml:3:5: entries[0].title: must not be empty',
      'out-of-scope.yaml:3:11: YAML syntax: text containing ": " must be put in quotes, or written on the next lines after "|" (Nested mappings are not allowed in compact mappings)',
    ]);
  });

  it('reports an out-of-scope example phrased like a question at both places, switched-off entries included', async () => {
    const problems = await problemsOf({
      'faq/a.yaml': lines(
        'entries:',
        '  - id: jokes',
        '    title: Jokes',
        '    questions: [tell me a joke, tell me something funny]',
        '    answer: No.',
        '  - id: retired',
        '    title: Old',
        '    questions:',
        '      - Who are you',
        '    answer: Old.',
        '    enabled: false',
      ),
      'out-of-scope.yaml': lines(
        'examples:',
        '  - Tell me a joke!',
        '  - "  WHO are you? "',
        '  - What is the weather like?',
      ),
    });
    const why = 'a message cannot be both answered and out of scope';
    expect(problems).toEqual([
      `faq/a.yaml:4:17: entries[0].questions[0]: the same question is also an out-of-scope example (out-of-scope.yaml:2:5); ${why}`,
      `faq/a.yaml:9:9: entries[1].questions[0]: the same question is also an out-of-scope example (out-of-scope.yaml:3:5); ${why}`,
      `out-of-scope.yaml:2:5: examples[0]: the same message is also a question under entry "jokes" (faq/a.yaml:4:17); ${why}`,
      `out-of-scope.yaml:3:5: examples[1]: the same message is also a question under entry "retired" (faq/a.yaml:9:9); ${why}`,
    ]);
  });

  it('reports an out-of-scope example listed twice at the repeat', async () => {
    const problems = await problemsOf({
      'out-of-scope.yaml': lines('examples:', "  - What's the weather?", '  - Tell me a joke', '  - whats the WEATHER'),
    });
    expect(problems).toEqual([
      'out-of-scope.yaml:4:5: examples[2]: this example is already listed in this file as examples[0] (line 2)',
    ]);
  });

  it('reports unknown popular topics in the responses file', async () => {
    const problems = await problemsOf({ 'responses.yaml': `${VALID_RESPONSES}  popularTopics: [base-entry, nope]\n` });
    // Line 1 is `responses:`, then one line per wording key, then popularTopics.
    const line = RESPONSE_KEYS.length + 2;
    expect(problems).toEqual([`responses.yaml:${line}:31: responses.popularTopics[1]: no entry has the id "nope"`]);
  });

  it('loads small talk from the responses file, in file order, offerHuman off unless set', async () => {
    const dir = await knowledgeDir({
      'faq/a.yaml': simpleFaq('a'),
      'responses.yaml': lines(
        VALID_RESPONSES,
        '  smallTalk:',
        '    fillers: [there, so much]',
        '    topics:',
        '      - id: bot-identity',
        '        phrases: [are you a (bot|robot)]',
        '        reply: I am a bot.',
        '        offerHuman: true',
        '      - id: thanks',
        '        phrases:',
        '          - thanks',
        '          - thank you [so much]',
        '        reply: You are welcome.',
      ),
    });
    const kb = await loadKnowledgeBase(dir, { cwd: dir });
    expect(kb.responses.smallTalk).toEqual({
      fillers: ['there', 'so much'],
      topics: [
        { id: 'bot-identity', phrases: ['are you a (bot|robot)'], reply: 'I am a bot.', offerHuman: true },
        { id: 'thanks', phrases: ['thanks', 'thank you [so much]'], reply: 'You are welcome.', offerHuman: false },
      ],
    });
  });

  it('reports small-talk phrases with unpaired or nested brackets, a missing reply and a bad id', async () => {
    const problems = await problemsOf({
      'responses.yaml': lines(
        VALID_RESPONSES,
        '  smallTalk:',
        '    topics:',
        '      - id: Thanks!',
        '        phrases: [thanks (a lot, good ((morning))]',
        '      - id: bye',
        '        phrases: [bye]',
        '        reply: "  "',
      ),
    });
    // `responses:`, the wording keys, the blank line VALID_RESPONSES ends with, smallTalk, topics.
    const first = RESPONSE_KEYS.length + 5;
    expect(problems).toEqual([
      `responses.yaml:${first}:9: responses.smallTalk.topics[0].id: must be kebab-case, like "how-are-you"`,
      `responses.yaml:${first}:9: responses.smallTalk.topics[0].reply: is missing (this field is required)`,
      `responses.yaml:${first + 1}:19: responses.smallTalk.topics[0].phrases[0]: brackets must pair up, without nesting: (a|b) for either word, [x] for an optional one`,
      `responses.yaml:${first + 1}:34: responses.smallTalk.topics[0].phrases[1]: brackets must pair up, without nesting: (a|b) for either word, [x] for an optional one`,
      `responses.yaml:${first + 4}:9: responses.smallTalk.topics[1].reply: must not be empty`,
    ]);
  });

  it('reports missing, empty and unknown wording keys in the responses file', async () => {
    const responses = lines(
      'responses:',
      ...RESPONSE_KEYS.filter((key) => key !== 'help').map((key) =>
        key === 'fallback' ? '  fallback: ""' : `  ${key}: Text.`,
      ),
      '  colour: red',
    );
    expect(await problemsOf({ 'responses.yaml': responses })).toEqual([
      'responses.yaml:1:1: responses.help: is missing (this field is required)',
      'responses.yaml:3:3: responses.fallback: must not be empty',
      `responses.yaml:${RESPONSE_KEYS.length + 1}:3: responses.colour: unknown field (allowed fields: ${[...RESPONSE_KEYS, 'popularTopics', 'smallTalk', 'languages', 'otherLanguage'].join(', ')})`,
    ]);
  });

  it('reports a missing responses file', async () => {
    expect(await problemsOf({ 'responses.yaml': null })).toEqual([
      "responses.yaml: file not found; it holds the bot's wording (see knowledge/README.md)",
    ]);
  });

  it.each([
    ['no faq folder', {}, 'faq: folder not found; FAQ files go in knowledge/faq/'],
    [
      'an faq folder without YAML files',
      { 'faq/readme.txt': 'hi' },
      'faq: no FAQ files (.yaml or .yml) found; the bot would have nothing to answer',
    ],
    [
      'only switched-off entries',
      { 'faq/a.yaml': `${simpleFaq('a')}    enabled: false\n` },
      'faq: no entry is switched on; the bot would have nothing to answer',
    ],
  ])('reports %s', async (_case, files: Record<string, string>, expected) => {
    const dir = await knowledgeDir(files);
    await expect(loadKnowledgeBase(dir, { cwd: dir })).rejects.toMatchObject({ problems: [expected] });
  });

  it('reports a knowledge folder that does not exist', async () => {
    const missing = path.join(os.tmpdir(), 'answerdesk-no-such-knowledge-folder');
    await expect(loadKnowledgeBase(missing, { cwd: path.join(os.tmpdir(), 'elsewhere') })).rejects.toMatchObject({
      problems: [`${missing}: knowledge folder not found`],
    });
  });

  it('holds back "no entry has the id" while a file cannot be parsed, since its ids are unknown', async () => {
    const problems = await problemsOf({
      'faq/a.yaml': `${simpleFaq('a')}    followUps: [in-broken-file]\n`,
      'faq/b.yaml': lines('entries:', '  - id: in-broken-file', '    title: "unclosed'),
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^faq\/b\.yaml:\d+:\d+: YAML syntax: /);
  });

  it('lists every problem of every file at once, sorted by file, line and column', async () => {
    const problems = await problemsOf({
      'faq/z.yaml': lines('entries:', '  - id: z', '    title: ""', '    questions: [zz]', '    answer: ""'),
      'faq/a.yaml': lines('entries:', '  - id: a', '    title: A', '    questions: []', '    answer: A'),
      'responses.yaml': null,
    });
    expect(problems).toEqual([
      'faq/a.yaml:4:5: entries[0].questions: must have at least 1 item',
      'faq/z.yaml:3:5: entries[0].title: must not be empty',
      'faq/z.yaml:5:5: entries[0].answer: must not be empty',
      "responses.yaml: file not found; it holds the bot's wording (see knowledge/README.md)",
    ]);
  });
});

describe('knowledge schemas', () => {
  const readSchema = async (name: string): Promise<Record<string, unknown>> =>
    JSON.parse(await readFile(path.join(REPO_ROOT, 'knowledge/schema', name), 'utf8')) as Record<string, unknown>;

  it('require exactly the wording keys of RESPONSE_KEYS', async () => {
    const schema = await readSchema('responses.schema.json');
    const responses = (schema.properties as Record<string, Record<string, unknown>>).responses;
    expect(responses?.required).toEqual([...RESPONSE_KEYS]);
    expect(Object.keys(responses?.properties as object)).toEqual([
      ...RESPONSE_KEYS,
      'popularTopics',
      'smallTalk',
      'languages',
      'otherLanguage',
    ]);
  });

  it('describe exactly the fields of a knowledge entry', async () => {
    const schema = await readSchema('faq.schema.json');
    const entry = (schema.definitions as Record<string, Record<string, unknown>>).entry;
    expect(Object.keys(entry?.properties as object)).toEqual([
      'id',
      'title',
      'questions',
      'answer',
      'tags',
      'followUps',
      'escalate',
      'enabled',
    ]);
  });
});
