/**
 * The training worker thread: does one `WorkerTask` from `workerData` and posts one `WorkerReply`,
 * so neither training nor loading a large knowledge base blocks the main thread's event loop.
 * `train`: trains a job, stores the snapshot in the cache (when given a cache folder) and posts it.
 * `load`: loads and validates a whole knowledge folder. Started by `KnowledgeTrainer`, one worker per
 * task, through `training-worker.entry.mjs`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { KnowledgeValidationError } from '../knowledge/files/knowledge-validation.error.ts';
import { loadKnowledgeFolder } from './knowledge-folder.loader.ts';
import { SnapshotCache } from './snapshot-cache.ts';
import { runTrainingJob } from './training-job.ts';
import type { WorkerReply, WorkerTask } from './worker-protocol.ts';

function reply(message: WorkerReply, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

async function run(task: WorkerTask): Promise<void> {
  if (task.task === 'load') {
    try {
      reply({ kind: 'loaded', knowledgeFolder: await loadKnowledgeFolder(task.dir, task.options) });
    } catch (error) {
      if (!(error instanceof KnowledgeValidationError)) throw error;
      reply({ kind: 'invalid', problems: error.details });
    }
    return;
  }
  const started = performance.now();
  const snapshot = runTrainingJob(task.job);
  const trainingMs = performance.now() - started;
  let cacheError: string | null = null;
  if (task.cacheDir !== null) {
    try {
      new SnapshotCache(task.cacheDir).write(task.job.kind, task.key, snapshot);
    } catch (error) {
      cacheError = error instanceof Error ? error.message : String(error);
    }
  }
  // Moved, not copied: the worker ends right after.
  reply({ kind: 'trained', snapshot, trainingMs, cacheError }, arrayBuffersIn(snapshot));
}

try {
  await run(workerData as WorkerTask);
} catch (error) {
  reply({
    kind: 'failed',
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? (error.stack ?? '') : '',
  });
}

/** Every distinct ArrayBuffer under `value` (typed arrays), for the transfer list. */
function arrayBuffersIn(value: unknown, found = new Set<ArrayBuffer>(), seen = new Set<object>()): ArrayBuffer[] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return [...found];
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (value instanceof Map) {
    for (const [k, v] of value) {
      arrayBuffersIn(k, found, seen);
      arrayBuffersIn(v, found, seen);
    }
  } else {
    for (const child of Object.values(value)) arrayBuffersIn(child, found, seen);
  }
  return [...found];
}
