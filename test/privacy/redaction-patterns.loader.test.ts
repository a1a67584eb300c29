import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeFileReader } from '../../src/knowledge/files/knowledge-file-reader.ts';
import { KnowledgeValidationError } from '../../src/knowledge/files/knowledge-validation.error.ts';
import { LiveRedactor } from '../../src/privacy/live-redactor.ts';
import { parseRedactionPatterns, readRedactionPatterns } from '../../src/privacy/redaction-patterns.loader.ts';
import { Redactor } from '../../src/privacy/redactor.ts';

const reader = new KnowledgeFileReader();
const FILE = 'knowledge/redaction.yaml';

function problemsOf(text: string): readonly string[] {
  const checked = parseRedactionPatterns(text, FILE, reader);
  if (checked.kind === 'valid') return [];
  return new KnowledgeValidationError(checked.problems).problems;
}

describe('redaction patterns file', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('applies named patterns with their replacement, counted under their name', () => {
    const checked = parseRedactionPatterns(
      [
        'patterns:',
        '  - name: iban',
        "    pattern: '\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{1,4}){3,8}\\b'",
        '  - name: member-id',
        "    pattern: 'M#\\d{6}'",
        "    replacement: '[member]'",
        '    flags: i',
      ].join('\n'),
      FILE,
      reader,
    );
    expect(checked.kind).toBe('valid');
    if (checked.kind !== 'valid') return;
    const redactor = new Redactor(['card'], checked.value);
    const result = redactor.redact('pay to GB82 WEST 1234 5698 7654 32 for m#123456, order NW-123456');
    expect(result.text).toBe('pay to [iban] for [member], order NW-123456');
    expect(result.counts).toEqual({ iban: 1, 'member-id': 1 });
  });

  it.each([
    [
      'a regex that does not compile',
      "  - name: bad\n    pattern: '([a-z]'",
      /^knowledge\/redaction\.yaml:3:5: patterns\[0\]\.pattern: is not a valid regular expression/,
    ],
    [
      'a nested repeat',
      "  - name: slow\n    pattern: '(a+)+b'",
      /^knowledge\/redaction\.yaml:3:5: patterns\[0\]\.pattern: a repeated group contains a repeat/,
    ],
    [
      'a nested repeat of words',
      "  - name: slow\n    pattern: '(?:\\w+\\s?)*!'",
      /:3:5: patterns\[0\]\.pattern: a repeated group contains a repeat/,
    ],
    [
      'a repeat of a bounded repeat',
      "  - name: slow\n    pattern: '(\\d{1,3}[ .])*x'",
      /:3:5: patterns\[0\]\.pattern: a repeated group contains a repeat/,
    ],
    [
      'a backreference',
      "  - name: twice\n    pattern: '(\\w)\\1'",
      /:3:5: patterns\[0\]\.pattern: backreferences are not allowed/,
    ],
    [
      'a pattern matching empty text',
      "  - name: empty\n    pattern: 'x*'",
      /:3:5: patterns\[0\]\.pattern: matches empty text/,
    ],
    ['a built-in name', "  - name: card\n    pattern: 'x'", /:2:5: patterns\[0\]\.name: "card" is built in/],
    [
      'a name with capitals',
      "  - name: Iban\n    pattern: 'x'",
      /:2:5: patterns\[0\]\.name: must be lowercase letters/,
    ],
    [
      'a repeat of a bounded group with an open repeat',
      "  - name: slow\n    pattern: '(?:a+b){2,9}'",
      /:3:5: patterns\[0\]\.pattern: a repeated group contains a repeat/,
    ],
    ['an unknown field', "  - name: x\n    pattern: 'x'\n    patern: 'y'", /patterns\[0\]/],
    ['a missing pattern', '  - name: x', /:2:5: patterns\[0\]\.pattern: is missing/],
    [
      'unknown flags',
      "  - name: x\n    pattern: 'x'\n    flags: gy",
      /:4:5: patterns\[0\]\.flags: may only hold the flags/,
    ],
  ])('reports %s as file:line:column: field: message', (_what, body, expected) => {
    const problems = problemsOf(`patterns:\n${body}\n`);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(expected);
  });

  it('reports a duplicate name at the second one', () => {
    const problems = problemsOf("patterns:\n  - name: a\n    pattern: 'x'\n  - name: a\n    pattern: 'y'\n");
    expect(problems).toEqual(['knowledge/redaction.yaml:4:5: patterns[1].name: duplicate name "a"']);
  });

  it.each([['(?:foo|bar)+'], ['\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){3,7}\\b'], ['[(+]+\\d'], ['a{2}(bc)?d+']])(
    'accepts %s, which cannot backtrack catastrophically',
    (pattern) => {
      expect(problemsOf(`patterns:\n  - name: ok\n    pattern: '${pattern}'\n`)).toEqual([]);
    },
  );

  it('treats a missing file as no patterns', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'redaction-'));
    dirs.push(dir);
    expect(await readRedactionPatterns(path.join(dir, 'redaction.yaml'), reader)).toEqual({ kind: 'valid', value: [] });
  });

  it('keeps the last good patterns when the file turns bad, and takes the next good one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'redaction-'));
    dirs.push(dir);
    const file = path.join(dir, 'redaction.yaml');
    writeFileSync(file, "patterns:\n  - name: secret\n    pattern: 'S3CR3T-\\d+'\n");
    const live = new LiveRedactor(['card']);
    await live.load(dir, {}, false);
    expect(live.redact('code S3CR3T-42').text).toBe('code [secret]');
    writeFileSync(file, "patterns:\n  - name: secret\n    pattern: '(a+)+'\n");
    await expect(live.reload()).rejects.toThrow(KnowledgeValidationError);
    expect(live.redact('code S3CR3T-42').text).toBe('code [secret]');
    writeFileSync(file, "patterns:\n  - name: pin\n    pattern: 'PIN \\d{4}'\n");
    await live.reload();
    expect(live.redact('code S3CR3T-42 PIN 1234').text).toBe('code S3CR3T-42 [pin]');
  });

  it('refuses to start on a bad file (nothing good to keep yet)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'redaction-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'redaction.yaml'), 'patterns: 3\n');
    const error: unknown = await new LiveRedactor(['card']).load(dir, {}, false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeValidationError);
    expect((error as KnowledgeValidationError).problems.join('\n')).toMatch(/redaction\.yaml:1:\d+: patterns: /);
  });
});
