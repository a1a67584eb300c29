import { type ResourceLimits, Worker } from 'node:worker_threads';
import {
  type AnalysisKnowledge,
  COMPLAINTS_DIR,
  loadAnalysisKnowledge,
  SENTIMENT_LEXICON_FILE,
} from '../analysis/analysis-knowledge.loader.ts';
import { ANALYZER_MODEL_VERSION, MessageAnalyzer } from '../analysis/message-analyzer.ts';
import type { LoadKnowledgeOptions } from '../knowledge/files/knowledge.loader.ts';
import { KnowledgeValidationError } from '../knowledge/files/knowledge-validation.error.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import { AnswerMatcher } from '../knowledge/matching/answer-matcher.ts';
import type { MatcherOptions } from '../knowledge/matching/matcher-options.ts';
import { filesKey } from './files-key.ts';
import { type KnowledgeFolder, loadKnowledgeFolder } from './knowledge-folder.loader.ts';
import { knowledgeFolderKey } from './knowledge-folder-key.ts';
import { KnowledgeTrainingError } from './knowledge-training.error.ts';
import { SnapshotCache } from './snapshot-cache.ts';
import { type TrainedSnapshots, type TrainingJob, type TrainingKind, trainingKey } from './training-job.ts';
import type { WorkerReply, WorkerTask } from './worker-protocol.ts';

// Compiled (dist/, `npm run build`) the worker is plain JavaScript; run from the TypeScript sources
// it needs an entry that registers tsx first.
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./training-worker.entry.mjs', import.meta.url)
  : new URL('./training.worker.js', import.meta.url);

/** The snapshot cache's name for the validated knowledge folder (`knowledgeFolderAtStart`). */
const KNOWLEDGE_FOLDER_SNAPSHOT = 'knowledge-folder';

/** Where a trained value came from. */
const TRAINED_SOURCES = ['cache', 'trained'] as const;
export type TrainedSource = (typeof TRAINED_SOURCES)[number];

/** A trained value, where it came from and how long getting it took (wall clock). */
export interface Trained<T> {
  readonly value: T;
  readonly source: TrainedSource;
  readonly ms: number;
}

/** Options of {@link KnowledgeTrainer}. */
export interface KnowledgeTrainerOptions {
  /** Folder for trained snapshots; `null` = no cache (always train). */
  readonly cacheDir: string | null;
  /** Told when a cached snapshot is ignored (corrupt, unreadable) or cannot be written. */
  readonly onWarning?: (message: string, details: Readonly<Record<string, unknown>>) => void;
  /**
   * Where loading and training tasks run. Default: a dedicated `worker_threads` worker per task, so
   * the event loop keeps serving turns. A bench that compares against training on the calling thread
   * passes `(task) => runTrainingTask(task).then((outcome) => outcome.reply)` (`training-task.ts`).
   */
  readonly runTask?: ((task: WorkerTask) => Promise<WorkerReply>) | undefined;
  /** Limits of the training worker's heap (a worker over them is stopped and the build fails). */
  readonly resourceLimits?: ResourceLimits;
}

/**
 * Trains the matcher and the message analyzer off the event loop, with a disk cache of trained
 * snapshots keyed by a hash of everything training reads and the model version (see `trainingKey`).
 *
 * Each `matcher`/`analyzer` call: a cached snapshot with the same key is checksum-verified and
 * restored (no training); otherwise one dedicated worker thread trains, writes the snapshot to the
 * cache (atomically, from the worker) and posts it back, and the main thread restores it (rebuilding
 * lookup maps only). A corrupt or unreadable cache file is reported through `onWarning` and
 * retrained, never trusted. Errors in the worker, or its death, reject with `KnowledgeTrainingError`.
 *
 * @example
 * const trainer = new KnowledgeTrainer({ cacheDir: 'data/cache', onWarning: (msg, details) => log.warn(details, msg) });
 * const { value: matcher, source } = await trainer.matcher(knowledgeBase, config.match);
 */
export class KnowledgeTrainer {
  readonly #options: KnowledgeTrainerOptions;
  readonly #cache: SnapshotCache | null;

  constructor(options: KnowledgeTrainerOptions) {
    this.#options = options;
    this.#cache = options.cacheDir === null ? null : new SnapshotCache(options.cacheDir);
  }

  /** The matcher for a knowledge base, with `options` applied (they do not affect training or the cache key). */
  async matcher(
    knowledgeBase: Pick<KnowledgeBase, 'entries' | 'outOfScope'>,
    options: Partial<MatcherOptions> = {},
  ): Promise<Trained<AnswerMatcher>> {
    const job: TrainingJob = { kind: 'matcher', entries: knowledgeBase.entries, outOfScope: knowledgeBase.outOfScope };
    return this.#obtain(
      'matcher',
      trainingKey(job),
      async () => job,
      (snapshot: TrainedSnapshots['matcher']) => AnswerMatcher.restore(snapshot, options),
    );
  }

  /**
   * The message analyzer for `<knowledgeDir>/sentiment/lexicon.yaml` and `<knowledgeDir>/complaints/`.
   * Keyed by those files' bytes (and the model version), so a start with unchanged files restores
   * the cached analyzer without even parsing them; otherwise they are loaded and validated (throwing
   * `KnowledgeValidationError` as `loadAnalysisKnowledge` does) and trained.
   */
  async analyzerFor(knowledgeDir: string): Promise<Trained<MessageAnalyzer>> {
    const key = await filesKey(
      knowledgeDir,
      [SENTIMENT_LEXICON_FILE, COMPLAINTS_DIR],
      `analyzer ${ANALYZER_MODEL_VERSION}`,
    );
    return this.#obtain(
      'analyzer',
      key,
      async () => analyzerJob(await loadAnalysisKnowledge(knowledgeDir)),
      (snapshot: TrainedSnapshots['analyzer']) => MessageAnalyzer.restore(snapshot),
    );
  }

  /** The message analyzer (sentiment + complaints) for knowledge from `loadAnalysisKnowledge`. */
  async analyzer(knowledge: AnalysisKnowledge): Promise<Trained<MessageAnalyzer>> {
    const job = analyzerJob(knowledge);
    return this.#obtain(
      'analyzer',
      trainingKey(job),
      async () => job,
      (snapshot: TrainedSnapshots['analyzer']) => MessageAnalyzer.restore(snapshot),
    );
  }

  /**
   * Loads and validates the whole knowledge folder like `loadKnowledgeFolder` (same result, same
   * `KnowledgeValidationError`), in a worker thread: parsing and validating thousands of entries
   * takes about a second per 20k phrasings, which would stall every conversation during a reload.
   */
  async knowledgeFolder(dir: string, options: LoadKnowledgeOptions = {}): Promise<KnowledgeFolder> {
    const reply = await this.#run({ task: 'load', dir, options }, 'knowledge loader');
    if (reply.kind === 'invalid') throw new KnowledgeValidationError(reply.problems);
    if (reply.kind !== 'loaded') throw new KnowledgeTrainingError(`the knowledge loader worker answered ${reply.kind}`);
    return reply.knowledgeFolder;
  }

  /**
   * `loadKnowledgeFolder(dir, options)` on this thread, for start-up (nothing is served yet), except
   * that a folder whose files, schemas and loader code are unchanged since the last successful load
   * (`knowledgeFolderKey`) is read from the snapshot cache: parsing, schema compiling and validating
   * the YAML are most of a restart's `createApp`. Only valid folders are cached, so a
   * broken folder still throws `KnowledgeValidationError` listing every problem. `source` is
   * `cache`, or `trained` when the files were read and validated.
   */
  async knowledgeFolderAtStart(dir: string, options: LoadKnowledgeOptions = {}): Promise<Trained<KnowledgeFolder>> {
    const started = performance.now();
    if (this.#cache === null)
      return { value: await loadKnowledgeFolder(dir, options), source: 'trained', ms: performance.now() - started };
    const key = await knowledgeFolderKey(dir, options);
    const cached = await this.#cache.read<KnowledgeFolder>(KNOWLEDGE_FOLDER_SNAPSHOT, key);
    if (cached.kind === 'hit' && isKnowledgeFolder(cached.payload))
      return { value: cached.payload, source: 'cache', ms: performance.now() - started };
    if (cached.kind === 'hit' || cached.kind === 'corrupt') {
      const reason = cached.kind === 'corrupt' ? cached.reason : 'not a knowledge folder';
      this.#warn('cached knowledge folder is corrupt and was ignored: loading the files', {
        file: this.#cache.file(KNOWLEDGE_FOLDER_SNAPSHOT),
        reason,
      });
    }
    const folder = await loadKnowledgeFolder(dir, options);
    try {
      // Only when nothing changed while it loaded: else these contents would be stored under the
      // key of files that are no longer there, and served if the edit were undone.
      // Small (the text of the YAML files), so writing it here costs a few milliseconds once.
      if ((await knowledgeFolderKey(dir, options)) === key) this.#cache.write(KNOWLEDGE_FOLDER_SNAPSHOT, key, folder);
    } catch (error) {
      this.#warn('loaded knowledge folder could not be cached', {
        dir: this.#options.cacheDir,
        reason: errorMessage(error),
      });
    }
    return { value: folder, source: 'trained', ms: performance.now() - started };
  }

  async #obtain<K extends TrainingKind, T>(
    kind: K,
    key: string,
    makeJob: () => Promise<TrainingJob>,
    restore: (snapshot: TrainedSnapshots[K]) => T,
  ): Promise<Trained<T>> {
    const started = performance.now();
    if (this.#cache !== null) {
      const cached = await this.#cache.read<TrainedSnapshots[K]>(kind, key);
      if (cached.kind === 'hit') {
        try {
          return { value: restore(cached.payload), source: 'cache', ms: performance.now() - started };
        } catch (error) {
          this.#warn(`cached ${kind} snapshot could not be restored: retraining`, {
            file: this.#cache.file(kind),
            reason: errorMessage(error),
          });
        }
      } else if (cached.kind === 'corrupt') {
        this.#warn(`cached ${kind} snapshot is corrupt and was ignored: retraining`, {
          file: this.#cache.file(kind),
          reason: cached.reason,
        });
      }
    }
    const job = await makeJob();
    const snapshot = (await this.#train(job, key)) as TrainedSnapshots[K];
    return { value: restore(snapshot), source: 'trained', ms: performance.now() - started };
  }

  async #train(job: TrainingJob, key: string): Promise<TrainedSnapshots[TrainingKind]> {
    const reply = await this.#run(
      { task: 'train', job, cacheDir: this.#options.cacheDir, key },
      `${job.kind} training`,
    );
    if (reply.kind !== 'trained')
      throw new KnowledgeTrainingError(`the ${job.kind} training worker answered ${reply.kind}`);
    if (reply.cacheError !== null) {
      this.#warn(`trained ${job.kind} snapshot could not be cached`, {
        dir: this.#options.cacheDir,
        reason: reply.cacheError,
      });
    }
    return reply.snapshot;
  }

  /** Runs one task where `runTask` says (a worker by default); a `failed` reply rejects like a worker's error. */
  async #run(task: WorkerTask, what: string): Promise<Exclude<WorkerReply, { kind: 'failed' }>> {
    if (this.#options.runTask === undefined) return this.#inWorker(task, what);
    const reply = await this.#options.runTask(task);
    if (reply.kind === 'failed') {
      throw new KnowledgeTrainingError(`${what} failed: ${reply.name}: ${reply.message}\n${reply.stack}`);
    }
    return reply;
  }

  /** Runs one task in a dedicated worker; rejects with `KnowledgeTrainingError` on an error in it or its death. */
  #inWorker(task: WorkerTask, what: string): Promise<Exclude<WorkerReply, { kind: 'failed' }>> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        outcome();
      };
      const worker = new Worker(WORKER_ENTRY, {
        workerData: task,
        // The entry registers tsx itself; inherited flags (e.g. a parent's `--import tsx`) would load it twice.
        execArgv: [],
        ...(this.#options.resourceLimits === undefined ? {} : { resourceLimits: this.#options.resourceLimits }),
      });
      worker.once('message', (message: WorkerReply) => {
        // One task per worker: it is done once it has answered (its isolate is freed now, not whenever it idles out).
        void worker.terminate();
        settle(() => {
          if (message.kind === 'failed') {
            reject(
              new KnowledgeTrainingError(
                `${what} failed in the worker: ${message.name}: ${message.message}\n${message.stack}`,
              ),
            );
          } else {
            resolve(message);
          }
        });
      });
      worker.once('error', (error) => {
        settle(() =>
          reject(new KnowledgeTrainingError(`the ${what} worker crashed: ${errorMessage(error)}`, { cause: error })),
        );
      });
      worker.once('exit', (code) => {
        settle(() =>
          reject(new KnowledgeTrainingError(`the ${what} worker exited with code ${code} before posting a result`)),
        );
      });
    });
  }

  #warn(message: string, details: Readonly<Record<string, unknown>>): void {
    try {
      this.#options.onWarning?.(message, details);
    } catch {
      // A throwing listener must not fail a build that otherwise works.
    }
  }
}

/**
 * The analyzer's training job. Where an example was read from (file:line) does not change
 * training; without it the job does not depend on the path the knowledge folder was given by.
 */
function analyzerJob(knowledge: AnalysisKnowledge): TrainingJob {
  const examples = knowledge.complaints.examples.map(({ text, label }) => ({ text, label, source: '' }));
  return {
    kind: 'analyzer',
    knowledge: { lexicon: knowledge.lexicon, complaints: { ...knowledge.complaints, examples } },
  };
}

/** A checksum-verified payload is ours, but one written by another layout must not reach the bot. */
function isKnowledgeFolder(value: unknown): value is KnowledgeFolder {
  if (typeof value !== 'object' || value === null) return false;
  const { entries, responses, outOfScope, files, analysis } = value as Record<string, unknown>;
  const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null;
  return (
    Array.isArray(entries) &&
    isObject(responses) &&
    Array.isArray(outOfScope) &&
    Array.isArray(files) &&
    isObject(analysis)
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
