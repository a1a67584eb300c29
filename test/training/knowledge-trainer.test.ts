import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AnalysisKnowledge, loadAnalysisKnowledge } from '../../src/analysis/analysis-knowledge.loader.ts';
import { KnowledgeValidationError } from '../../src/knowledge/files/knowledge-validation.error.ts';
import type { KnowledgeEntry } from '../../src/knowledge/knowledge-entry.ts';
import type { AnswerMatcher } from '../../src/knowledge/matching/answer-matcher.ts';
import { loadKnowledgeFolder } from '../../src/training/knowledge-folder.loader.ts';
import { KnowledgeTrainer, type KnowledgeTrainerOptions } from '../../src/training/knowledge-trainer.ts';
import { KnowledgeTrainingError } from '../../src/training/knowledge-training.error.ts';
import { SnapshotCache } from '../../src/training/snapshot-cache.ts';
import { MODEL_VERSIONS, trainingKey } from '../../src/training/training-job.ts';
import { runTrainingTask } from '../../src/training/training-task.ts';
import { SUPPORT_KB } from '../fixtures/support-kb.ts';
import { withTypos } from '../helpers/generated-kb.ts';
import { lines, removeKnowledgeDir, simpleFaq, writeKnowledgeDir } from '../helpers/knowledge-fixture.ts';
import { FIXTURE_KNOWLEDGE_DIR, makeTempDir } from '../helpers/test-config.ts';

const KB = { entries: [...SUPPORT_KB], outOfScope: ['tell me a joke', 'what is the weather'] };
const MESSAGES = [
  ...SUPPORT_KB.flatMap((e) => e.questions),
  ...SUPPORT_KB.flatMap((e) => e.questions.map(withTypos)),
  'what is the capital of france',
  '',
];

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A trainer over a fresh cache folder, recording its warnings. */
function trainerIn(dir?: string, options: Pick<KnowledgeTrainerOptions, 'runTask'> = {}) {
  let cacheDir = dir;
  if (cacheDir === undefined) {
    const temp = makeTempDir('answerdesk-cache-');
    cleanups.push(temp.cleanup);
    cacheDir = temp.dir;
  }
  const warnings: { message: string; details: Readonly<Record<string, unknown>> }[] = [];
  const trainer = new KnowledgeTrainer({
    cacheDir,
    onWarning: (message, details) => warnings.push({ message, details }),
    ...options,
  });
  return { trainer, warnings, cache: new SnapshotCache(cacheDir), cacheDir };
}

const answers = (matcher: AnswerMatcher) => MESSAGES.map((text) => matcher.match(text));

describe('KnowledgeTrainer', () => {
  let reference: ReturnType<typeof answers>;
  let firstCacheDir: string;

  let removeFirstCache: () => void;

  beforeAll(async () => {
    const temp = makeTempDir('answerdesk-cache-');
    removeFirstCache = temp.cleanup;
    firstCacheDir = temp.dir;
    const first = await trainerIn(firstCacheDir).trainer.matcher(KB);
    expect(first.source).toBe('trained');
    reference = answers(first.value);
  });
  afterAll(() => removeFirstCache());

  it('trains in a worker the first time and loads the cached snapshot when the knowledge is unchanged', async () => {
    const { trainer, warnings } = trainerIn(firstCacheDir);
    const again = await trainer.matcher({ entries: KB.entries.map((e) => ({ ...e })), outOfScope: [...KB.outOfScope] });
    expect(again.source).toBe('cache');
    expect(answers(again.value)).toEqual(reference);
    expect(warnings).toEqual([]);
  });

  it('gives the same matcher when its tasks run on the calling thread', async () => {
    const ran: string[] = [];
    const { trainer } = trainerIn(undefined, {
      runTask: async (task) => {
        ran.push(task.task);
        return (await runTrainingTask(task)).reply;
      },
    });
    const here = await trainer.matcher(KB);
    expect(here.source).toBe('trained');
    expect(ran).toEqual(['train']);
    expect(answers(here.value)).toEqual(reference);
  });

  it('applies matcher options on restore without retraining', async () => {
    const { trainer } = trainerIn(firstCacheDir);
    const strict = await trainer.matcher(KB, { threshold: 1 });
    expect(strict.source).toBe('cache');
    expect(strict.value.match('i forgot my password').kind).toBe('no-match');
  });

  it('retrains and replaces the cached snapshot when the knowledge was edited', async () => {
    const { trainer, cache, cacheDir } = trainerIn();
    await trainer.matcher(KB);
    const edited: KnowledgeEntry[] = [
      ...KB.entries,
      {
        ...(KB.entries[0] as KnowledgeEntry),
        id: 'gift-wrap',
        title: 'Gift wrapping',
        questions: ['can you gift wrap my order'],
      },
    ];
    const before = readFileSync(cache.file('matcher'));

    const retrained = await trainer.matcher({ entries: edited, outOfScope: KB.outOfScope });

    expect(retrained.source).toBe('trained');
    expect(retrained.value.match('can you gift wrap my order')).toMatchObject({
      kind: 'answer',
      entry: { id: 'gift-wrap' },
    });
    expect(readFileSync(cache.file('matcher')).equals(before)).toBe(false);
    expect((await cache.read('matcher', trainingKey({ kind: 'matcher', ...KB }))).kind).toBe('stale');
    expect((await trainerIn(cacheDir).trainer.matcher({ entries: edited, outOfScope: KB.outOfScope })).source).toBe(
      'cache',
    );
  });

  it.each([
    [
      'a flipped payload byte',
      (bytes: Buffer) => {
        const copy = Buffer.from(bytes);
        const at = copy.length - 1000;
        copy[at] = (copy[at] as number) ^ 0xff;
        return copy;
      },
      /checksum mismatch/,
    ],
    ['a truncated file', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2)), /truncated/],
    [
      'a garbled header',
      (bytes: Buffer) => Buffer.concat([Buffer.from('ANSWERDESK-SNAPSHOT 1\n{"key":'), bytes.subarray(60)]),
      /header/,
    ],
    ['another file entirely', () => Buffer.from('not a snapshot at all'), /bad magic/],
  ])('ignores a cached snapshot with %s, warns, and retrains to correct results', async (_name, corrupt, reason) => {
    const { trainer, cache, warnings, cacheDir } = trainerIn();
    await trainer.matcher(KB);
    writeFileSync(cache.file('matcher'), corrupt(readFileSync(cache.file('matcher'))));

    const again = await trainer.matcher(KB);

    expect(again.source).toBe('trained');
    expect(answers(again.value)).toEqual(reference);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/corrupt and was ignored: retraining/);
    expect(String(warnings[0]?.details.reason)).toMatch(reason);
    // The retrained snapshot replaced the bad file.
    expect((await trainerIn(cacheDir).trainer.matcher(KB)).source).toBe('cache');
  });

  it('retrains when the cached snapshot was made by another model version', async () => {
    const { trainer, cache } = trainerIn();
    const current = await trainer.matcher(KB);
    const job = { kind: 'matcher' as const, ...KB };
    // What an older release would have left behind: the same knowledge, another model version.
    cache.write('matcher', trainingKey(job, MODEL_VERSIONS.matcher - 1), current.value.toSnapshot());

    expect((await trainer.matcher(KB)).source).toBe('trained');
  });

  it('reports an error thrown while training in the worker', async () => {
    const { trainer } = trainerIn();
    const broken = [{ ...(KB.entries[0] as KnowledgeEntry), questions: 42 as unknown as string[] }];
    const error = await trainer.matcher({ entries: broken, outOfScope: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeTrainingError);
    expect((error as Error).message).toMatch(/matcher training failed in the worker: TypeError/);
  });

  it('reports a training worker that dies (out of memory)', async () => {
    const temp = makeTempDir('answerdesk-cache-');
    cleanups.push(temp.cleanup);
    const trainer = new KnowledgeTrainer({
      cacheDir: temp.dir,
      resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 },
    });
    const error = await trainer.matcher(KB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeTrainingError);
    expect((error as Error).message).toMatch(/the matcher training worker crashed: .*memory/i);
  });

  it('loads a knowledge folder in a worker to the same knowledge base, and the same validation errors', async () => {
    const { trainer } = trainerIn();
    const dir = await writeKnowledgeDir({ 'faq/a.yaml': simpleFaq('first', 'second') });
    cleanups.push(() => void removeKnowledgeDir(dir));
    expect(await trainer.knowledgeFolder(dir, { cwd: dir })).toEqual(await loadKnowledgeFolder(dir, { cwd: dir }));

    await writeFile(
      path.join(dir, 'faq/a.yaml'),
      lines('entries:', '  - id: first', '    title: ""', '    questions: [q]', '    answer: a'),
    );
    const error = await trainer.knowledgeFolder(dir, { cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeValidationError);
    expect((error as KnowledgeValidationError).problems).toEqual([
      'faq/a.yaml:3:5: entries[0].title: must not be empty',
    ]);
  });

  describe('knowledgeFolderAtStart', () => {
    async function knowledgeDir(files: Record<string, string>): Promise<string> {
      const dir = await writeKnowledgeDir(files);
      cleanups.push(() => void removeKnowledgeDir(dir));
      return dir;
    }

    it('loads the files the first time and the cached knowledge folder while they are unchanged, equal to loadKnowledgeFolder', async () => {
      const { trainer, cacheDir, warnings } = trainerIn();
      const dir = await knowledgeDir({ 'faq/a.yaml': simpleFaq('first', 'second') });
      const expected = await loadKnowledgeFolder(dir, { cwd: dir });

      const first = await trainer.knowledgeFolderAtStart(dir, { cwd: dir });
      const again = await trainerIn(cacheDir).trainer.knowledgeFolderAtStart(dir, { cwd: dir });

      expect(first).toMatchObject({ source: 'trained', value: expected });
      expect(again).toMatchObject({ source: 'cache', value: expected });
      expect(warnings).toEqual([]);
    });

    it('reads the files again after an edit, and still rejects a broken folder with every problem', async () => {
      const { trainer } = trainerIn();
      const dir = await knowledgeDir({ 'faq/a.yaml': simpleFaq('first') });
      await trainer.knowledgeFolderAtStart(dir, { cwd: dir });

      await writeFile(path.join(dir, 'faq/a.yaml'), simpleFaq('first', 'added'));
      const edited = await trainer.knowledgeFolderAtStart(dir, { cwd: dir });
      expect(edited.source).toBe('trained');
      expect(edited.value.entries.map((e) => e.id)).toEqual(['first', 'added']);

      await writeFile(
        path.join(dir, 'faq/a.yaml'),
        lines('entries:', '  - id: first', '    title: ""', '    questions: [q]', '    answer: a'),
      );
      const error = await trainer.knowledgeFolderAtStart(dir, { cwd: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KnowledgeValidationError);
      expect((error as KnowledgeValidationError).problems).toEqual([
        'faq/a.yaml:3:5: entries[0].title: must not be empty',
      ]);
    });

    it('keys the cache by the schemas too: a stricter schema is applied to unchanged files', async () => {
      const { trainer } = trainerIn();
      const dir = await knowledgeDir({ 'faq/a.yaml': simpleFaq('first') });
      const schemaDir = path.join(dir, 'schema');
      cpSync(path.resolve(import.meta.dirname, '../../knowledge/schema'), schemaDir, { recursive: true });
      expect((await trainer.knowledgeFolderAtStart(dir, { cwd: dir, schemaDir })).source).toBe('trained');
      expect((await trainer.knowledgeFolderAtStart(dir, { cwd: dir, schemaDir })).source).toBe('cache');

      const schemaFile = path.join(schemaDir, 'responses.schema.json');
      const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as {
        properties: { responses: { properties: { greeting: Record<string, unknown> } } };
      };
      schema.properties.responses.properties.greeting.maxLength = 3;
      writeFileSync(schemaFile, JSON.stringify(schema));
      const error = await trainer.knowledgeFolderAtStart(dir, { cwd: dir, schemaDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KnowledgeValidationError);
      expect((error as KnowledgeValidationError).problems.join('\n')).toMatch(
        /responses\.yaml:2:\d+: responses\.greeting/,
      );
    });

    it('ignores a corrupt cached knowledge folder with a warning and loads the files', async () => {
      const { trainer, cache, warnings } = trainerIn();
      const dir = await knowledgeDir({ 'faq/a.yaml': simpleFaq('first') });
      await trainer.knowledgeFolderAtStart(dir, { cwd: dir });
      const file = cache.file('knowledge-folder');
      const bytes = readFileSync(file);
      bytes[bytes.length - 5] = (bytes[bytes.length - 5] as number) ^ 0xff;
      writeFileSync(file, bytes);

      const again = await trainer.knowledgeFolderAtStart(dir, { cwd: dir });

      expect(again.source).toBe('trained');
      expect(again.value).toEqual(await loadKnowledgeFolder(dir, { cwd: dir }));
      expect(warnings.map((w) => w.message)).toEqual([
        'cached knowledge folder is corrupt and was ignored: loading the files',
      ]);
    });
  });

  describe('analyzer', () => {
    let knowledge: AnalysisKnowledge;
    beforeAll(async () => {
      knowledge = await loadAnalysisKnowledge(FIXTURE_KNOWLEDGE_DIR);
    });

    it('keys the analyzer of a knowledge folder by its files: cached while unchanged, retrained after an edit, refused when invalid', async () => {
      const { trainer, warnings } = trainerIn();
      const dir = makeTempDir('answerdesk-analysis-');
      cleanups.push(dir.cleanup);
      cpSync(path.join(FIXTURE_KNOWLEDGE_DIR, 'sentiment'), path.join(dir.dir, 'sentiment'), { recursive: true });
      cpSync(path.join(FIXTURE_KNOWLEDGE_DIR, 'complaints'), path.join(dir.dir, 'complaints'), { recursive: true });

      expect((await trainer.analyzerFor(dir.dir)).source).toBe('trained');
      expect((await trainer.analyzerFor(dir.dir)).source).toBe('cache');
      const lexicon = path.join(dir.dir, 'sentiment/lexicon.yaml');
      writeFileSync(lexicon, `${readFileSync(lexicon, 'utf8')}\n# an admin's comment\n`);
      expect((await trainer.analyzerFor(dir.dir)).source).toBe('trained');
      writeFileSync(lexicon, 'words:\n  awful: 12\n');
      await expect(trainer.analyzerFor(dir.dir)).rejects.toBeInstanceOf(KnowledgeValidationError);
      expect(warnings).toEqual([]);
    });

    it('trains the analyzer in a worker, then loads it from the cache, with identical results', async () => {
      const { trainer, cacheDir } = trainerIn();
      const trained = await trainer.analyzer(knowledge);
      const cached = await trainerIn(cacheDir).trainer.analyzer(knowledge);
      expect([trained.source, cached.source]).toEqual(['trained', 'cache']);
      const texts = knowledge.complaints.examples.map((e) => e.text);
      expect(texts.map((t) => cached.value.analyze(t))).toEqual(texts.map((t) => trained.value.analyze(t)));
    });
  });
});
