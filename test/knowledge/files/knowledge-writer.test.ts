import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA_DIR } from '../../../src/knowledge/files/knowledge-file-reader.ts';
import { KnowledgeWriter } from '../../../src/knowledge/files/knowledge-writer.ts';
import { KnowledgeFileBaseline } from '../../../src/knowledge/files/knowledge-writer-baseline.ts';
import { KnowledgeWriteRefusedError } from '../../../src/knowledge/files/knowledge-writer-refused.error.ts';
import { KnowledgeFileStaleError } from '../../../src/knowledge/files/knowledge-writer-stale.error.ts';
import { KnowledgeEntryNotFoundError } from '../../../src/knowledge/files/knowledge-writer-unknown-entry.error.ts';
import { loadKnowledgeFolder } from '../../../src/training/knowledge-folder.loader.ts';
import { insertedLines } from '../../helpers/inserted-lines.ts';
import { FIXTURE_KNOWLEDGE_DIR } from '../../helpers/test-config.ts';

let dir: string;
let baseline: KnowledgeFileBaseline;
let writer: KnowledgeWriter;

/** What the served knowledge would be: a tracked load, as the app's store does it. */
const serve = () => baseline.track((folder: string) => loadKnowledgeFolder(folder))(dir);
const file = (name: string) => path.join(dir, name);
const read = (name: string) => readFile(file(name), 'utf8');

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'answerdesk-writer-'));
  await cp(FIXTURE_KNOWLEDGE_DIR, dir, { recursive: true });
  baseline = new KnowledgeFileBaseline();
  writer = new KnowledgeWriter({
    dir,
    cwd: dir,
    validate: (folder, options) => loadKnowledgeFolder(folder, options),
    served: () => baseline.current(),
  });
  await serve();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('KnowledgeWriter', () => {
  it.each([
    ['plain words', 'parcel hasnt shown up at all'],
    ['a colon and space', 'status: where is it'],
    ['a leading hash', '#1 question about my parcel'],
    ['quotes', `the "tracking" page says 'pending'`],
    ['a YAML boolean', 'yes'],
    ['a leading dash', '- where is my stuff'],
    ['accents and emoji', 'où est mon colis 📦'],
  ])('adds a phrasing with %s to an entry, changing nothing else in the file', async (_what, phrasing) => {
    const before = await read('faq/orders.yaml');
    const write = await writer.write({ kind: 'add-phrasings', entryId: 'order-delayed', phrasings: [phrasing] });

    const after = await read('faq/orders.yaml');
    const inserted = insertedLines(before, after);
    expect(inserted.split('\n').filter(Boolean)).toHaveLength(1);
    expect(after.split('\n')[write.line - 1]).toBe(inserted.trimEnd());
    expect(write).toMatchObject({ file: 'faq/orders.yaml', entryId: 'order-delayed', added: [phrasing] });
    const kb = await loadKnowledgeFolder(dir);
    const entry = kb.entries.find((e) => e.id === 'order-delayed');
    expect(entry?.questions.at(-1)).toBe(phrasing);
  });

  it('keeps comments, blank lines with spaces and flow lists byte for byte', async () => {
    const before = await read('faq/account.yaml');
    expect(before).toMatch(/entries:\n {2}\n/);
    const write = await writer.write({
      kind: 'add-phrasings',
      entryId: 'change-password',
      phrasings: ['swap my password  for a\nnew one', 'set new pw'],
    });
    const after = await read('faq/account.yaml');
    expect(insertedLines(before, after)).toBe('      - swap my password for a new one\n      - set new pw\n');
    expect(write.added).toEqual(['swap my password for a new one', 'set new pw']);
  });

  it('adds out-of-scope examples below the comments of out-of-scope.yaml', async () => {
    const before = await read('out-of-scope.yaml');
    const write = await writer.write({
      kind: 'out-of-scope',
      phrasings: ['tell me a joke', 'what is the meaning of life'],
    });
    const after = await read('out-of-scope.yaml');
    expect(insertedLines(before, after)).toBe('  - tell me a joke\n  - what is the meaning of life\n');
    expect(write).toMatchObject({ file: 'out-of-scope.yaml', entryId: null });
    expect((await loadKnowledgeFolder(dir)).outOfScope).toContain('tell me a joke');
  });

  it('leaves out phrasings the list already has (as the loader compares them) and writes nothing when none is left', async () => {
    const before = await read('faq/orders.yaml');
    const write = await writer.write({
      kind: 'add-phrasings',
      entryId: 'track-order',
      phrasings: ['Where is my ORDER?', 'where is my order', 'whr is my stuff!!'],
    });
    expect(write).toMatchObject({ added: [], skipped: ['Where is my ORDER?', 'whr is my stuff!!'], line: 3 });
    expect(await read('faq/orders.yaml')).toBe(before);
  });

  it('creates a new entry beside a related one, in that file and its layout', async () => {
    const before = await read('faq/returns.yaml');
    const write = await writer.write({
      kind: 'new-entry',
      entry: {
        id: 'gift-returns',
        title: 'Returning a gift',
        answer: 'Bring the gift receipt.\n\nWe refund as store credit.\n',
        questions: ['can i return a present', 'gift receipt return'],
      },
      besideEntryId: 'return-policy',
    });
    const after = await read('faq/returns.yaml');
    const inserted = insertedLines(before, after);
    expect(inserted).toContain(
      '  - id: gift-returns\n    title: Returning a gift\n    questions:\n      - can i return a present\n',
    );
    expect(after.split('\n')[write.line - 1]).toBe('  - id: gift-returns');
    const entry = (await loadKnowledgeFolder(dir)).entries.find((e) => e.id === 'gift-returns');
    expect(entry).toMatchObject({
      answer: 'Bring the gift receipt.\n\nWe refund as store credit.\n',
      questions: ['can i return a present', 'gift receipt return'],
    });
  });

  it('creates faq/learned.yaml (schema hint, comment) for a new entry with no related entry, then appends to it', async () => {
    const first = await writer.write({
      kind: 'new-entry',
      entry: {
        id: 'gift-cards',
        title: 'Gift cards',
        answer: 'We sell gift cards online.',
        questions: ['do you sell gift cards'],
      },
    });
    expect(first).toMatchObject({ file: 'faq/learned.yaml', line: 5 });
    const text = await read('faq/learned.yaml');
    const schema = /^# yaml-language-server: \$schema=(.+)$/.exec(text.split('\n')[0] ?? '')?.[1] ?? '';
    expect(path.resolve(dir, 'faq', schema)).toBe(path.join(DEFAULT_SCHEMA_DIR, 'faq.schema.json'));
    await writer.write({
      kind: 'new-entry',
      entry: {
        id: 'gift-wrap',
        title: 'Gift wrapping',
        answer: 'Tick "gift wrap" at checkout.',
        questions: ['can you gift wrap it'],
      },
    });
    const ids = (await loadKnowledgeFolder(dir)).entries.map((e) => e.id);
    expect(ids.filter((id) => id.startsWith('gift-'))).toEqual(['gift-cards', 'gift-wrap']);
  });

  it.each([
    [
      'an id another entry has',
      { id: 'track-order', title: 'Copy', answer: 'x' },
      /faq\/orders\.yaml:3:5: entries\[0\]\.id: the id "track-order" is used by more than one entry \(also at faq\/learned\.yaml:5:5\)/,
    ],
    [
      'an id the schema rejects',
      { id: 'Gift Cards', title: 'Gift cards', answer: 'x' },
      /faq\/learned\.yaml:5:\d+: entries\[0\]\.id: must be lowercase/,
    ],
    [
      'a blank answer',
      { id: 'gift-cards', title: 'Gift cards', answer: '   ' },
      /faq\/learned\.yaml:\d+:\d+: entries\[0\]\.answer: must not be empty/,
    ],
  ])('refuses a new entry with %s, naming file:line, and writes nothing', async (_what, entry, problem) => {
    const files = await readdir(path.join(dir, 'faq'));
    const error = await writer
      .write({ kind: 'new-entry', entry: { ...entry, questions: ['do you sell gift cards'] } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeWriteRefusedError);
    expect((error as KnowledgeWriteRefusedError).problems.join('\n')).toMatch(problem);
    expect(await readdir(path.join(dir, 'faq'))).toEqual(files);
  });

  it('refuses a phrasing another entry already has, leaving the file byte-identical', async () => {
    const before = await read('faq/orders.yaml');
    const error = await writer
      .write({ kind: 'add-phrasings', entryId: 'order-delayed', phrasings: ['where is my parcel'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeWriteRefusedError);
    expect((error as KnowledgeWriteRefusedError).problems.join('\n')).toMatch(
      /faq\/orders\.yaml:\d+:\d+: entries\[1\]\.questions\[\d+\]: the same question is also under entry "track-order"/,
    );
    expect(await read('faq/orders.yaml')).toBe(before);
    expect((await readdir(path.join(dir, 'faq'))).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('names an unknown entry, with a guess', async () => {
    const error = await writer
      .write({ kind: 'add-phrasings', entryId: 'track-ordr', phrasings: ['x marks the spot'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeEntryNotFoundError);
    expect((error as Error).message).toContain('"track-ordr" (did you mean "track-order"?)');
  });

  it.each([
    ['a comment added', (text: string) => `${text}# note from an editor\n`],
    ['a title changed', (text: string) => text.replace('title: My order is late', 'title: My order is overdue')],
  ])('refuses to write a file changed behind the server (%s) until the server has loaded it', async (_what, edit) => {
    const edited = edit(await read('faq/orders.yaml'));
    await writeFile(file('faq/orders.yaml'), edited);
    const write = () =>
      writer.write({ kind: 'add-phrasings', entryId: 'track-order', phrasings: ['parcel whereabouts'] });

    await expect(write()).rejects.toBeInstanceOf(KnowledgeFileStaleError);
    expect(await read('faq/orders.yaml')).toBe(edited);
    await serve();
    await expect(write()).resolves.toMatchObject({ added: ['parcel whereabouts'] });
  });

  it('accepts its own earlier writes before the server has reloaded them', async () => {
    await writer.write({ kind: 'add-phrasings', entryId: 'track-order', phrasings: ['parcel whereabouts'] });
    await writer.write({ kind: 'add-phrasings', entryId: 'track-order', phrasings: ['package whereabouts'] });
    const entry = (await loadKnowledgeFolder(dir)).entries.find((e) => e.id === 'track-order');
    expect(entry?.questions.slice(-2)).toEqual(['parcel whereabouts', 'package whereabouts']);
  });

  it('loses nothing when several writes into the same file run at once', async () => {
    const phrasings = ['late parcel one', 'late parcel two', 'late parcel three', 'late parcel four'];
    await Promise.all([
      ...phrasings.map((p) => writer.write({ kind: 'add-phrasings', entryId: 'order-delayed', phrasings: [p] })),
      writer.write({ kind: 'add-phrasings', entryId: 'track-order', phrasings: ['parcel whereabouts'] }),
    ]);
    const kb = await loadKnowledgeFolder(dir);
    expect(kb.entries.find((e) => e.id === 'order-delayed')?.questions).toEqual(expect.arrayContaining(phrasings));
    expect(kb.entries.find((e) => e.id === 'track-order')?.questions).toContain('parcel whereabouts');
  });
});
