/**
 * The training worker thread: trains one job from `workerData`, stores the snapshot in the cache
 * (when given a cache file) and posts it back, so training never blocks the main thread's event
 * loop. Started by `KnowledgeTrainer`, one worker per job, through `training-worker.entry.mjs`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SnapshotCache } from './snapshot-cache.ts';
import { runTrainingJob, type TrainingJob } from './training-job.ts';
import type { WorkerReply } from './worker-protocol.ts';

const { job, cacheDir, key } = workerData as { job: TrainingJob; cacheDir: string | null; key: string };

function reply(message: WorkerReply, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

try {
  const started = performance.now();
  const snapshot = runTrainingJob(job);
  const trainingMs = performance.now() - started;
  let cacheError: string | null = null;
  if (cacheDir !== null) {
    try {
      new SnapshotCache(cacheDir).write(job.kind, key, snapshot);
    } catch (error) {
      cacheError = error instanceof Error ? error.message : String(error);
    }
  }
  // Moved, not copied: the worker ends right after.
  reply({ kind: 'trained', snapshot, trainingMs, cacheError }, arrayBuffersIn(snapshot));
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
