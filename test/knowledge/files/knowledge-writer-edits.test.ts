import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { appendEntry, appendToSequence } from '../../../src/knowledge/files/knowledge-writer-edits.ts';
import { insertedLines } from '../../helpers/inserted-lines.ts';

const data = (text: string): unknown => parseDocument(text).toJS();

describe('appendToSequence', () => {
  it.each([
    ['a trailing comment on the last item', 'examples:\n  - a   # keep me\n  - b # and me\n# end of file\n', '  - c\n'],
    ['a folded block scalar last', 'examples:\n  - a\n  - >\n    folded\n    text\n\n# after\n', '  - c\n'],
    ['a comment line inside the list', 'examples:\n  - a\n  # a comment about b\n  - b\nother: 1\n', '  - c\n'],
    ['items not indented under the key', 'examples:\n- a\n- b\nother: 1\n', '- c\n'],
    ['CRLF line endings', 'examples:\r\n  - a\r\n  - b\r\n', '  - c\r\n'],
  ])('with %s adds the item in place and keeps every other byte', (_what, before, inserted) => {
    const edit = appendToSequence(before, ['examples'], ['c']);
    expect(insertedLines(before, edit.text)).toBe(inserted);
    const expected = data(before) as { examples: string[] };
    expect(data(edit.text)).toEqual({ ...expected, examples: [...expected.examples, 'c'] });
  });

  it('starts a line of its own in a file without a final newline', () => {
    const before = 'examples:\n  - a\n  - b';
    expect(appendToSequence(before, ['examples'], ['c'])).toEqual({ text: `${before}\n  - c\n`, line: 4 });
  });

  it('extends a flow list through the document (comments kept) when it cannot splice', () => {
    const before = '# head\nentries:\n  - id: a # the id\n    questions: [x, y]\n';
    const edit = appendToSequence(before, ['entries', 0, 'questions'], ['z: w']);
    expect(data(edit.text)).toEqual({ entries: [{ id: 'a', questions: ['x', 'y', 'z: w'] }] });
    expect(edit.text).toContain('# head');
    expect(edit.text).toContain('# the id');
    expect(edit.line).toBe(4);
  });
});

describe('appendEntry', () => {
  const entry = {
    id: 'new-one',
    title: 'New: one',
    answer: 'First line.\n\nSecond line.\n',
    questions: ['q one', 'yes'],
  };

  it.each([
    [
      'blank lines between entries',
      'entries:\n  - id: a\n    title: A\n    questions: [x]\n    answer: A\n\n  - id: b\n    title: B\n    questions: [y]\n    answer: B\n',
      true,
    ],
    [
      'entries back to back',
      'entries:\n- id: a\n  title: A\n  questions: [x]\n  answer: A\n- id: b\n  title: B\n  questions: [y]\n  answer: B\n',
      false,
    ],
    ['CRLF line endings', 'entries:\r\n  - id: a\r\n    title: A\r\n    questions: [x]\r\n    answer: A\r\n', false],
  ])("with %s adds the entry in the list's layout, keeping every other byte", (_what, before, blank) => {
    const edit = appendEntry(before, entry);
    const inserted = insertedLines(before, edit.text);
    expect(inserted.startsWith('\n') || inserted.startsWith('\r\n')).toBe(blank);
    const expected = data(before) as { entries: unknown[] };
    expect(data(edit.text)).toEqual({
      entries: [
        ...expected.entries,
        { id: entry.id, title: entry.title, questions: entry.questions, answer: entry.answer },
      ],
    });
    expect(edit.text.split(/\r?\n/)[edit.line - 1]).toMatch(/^\s*- id: new-one$/);
  });
});
