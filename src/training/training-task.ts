import { KnowledgeValidationError } from '../knowledge/files/knowledge-validation.error.ts';
import { loadKnowledgeFolder } from './knowledge-folder.loader.ts';
import { SnapshotCache } from './snapshot-cache.ts';
import { runTrainingJob } from './training-job.ts';
import type { WorkerReply, WorkerTask } from './worker-protocol.ts';

/** A task's reply and the buffers it may move rather than copy. */
export interface TaskOutcome {
  readonly reply: WorkerReply;
  readonly transfer: ArrayBuffer[];
}

/**
 * Does one training task on the calling thread: `train` trains a job and stores the snapshot in
 * the cache (when given a folder); `load` loads and validates a whole knowledge folder. The
 * training worker runs it off the event loop (`training.worker.ts`); anything else that calls it
 * blocks its thread for the whole task. Never throws: an error becomes a `failed` reply.
 */
export async function runTrainingTask(task: WorkerTask): Promise<TaskOutcome> {
  try {
    return await run(task);
  } catch (error) {
    return {
      reply: {
        kind: 'failed',
        name: error instanceof Error ? error.name : 'Error',
        message: error instanceof Error ? error.message : String(error),
        stack: error instanceof Error ? (error.stack ?? '') : '',
      },
      transfer: [],
    };
  }
}

async function run(task: WorkerTask): Promise<TaskOutcome> {
  if (task.task === 'load') {
    try {
      return {
        reply: { kind: 'loaded', knowledgeFolder: await loadKnowledgeFolder(task.dir, task.options) },
        transfer: [],
      };
    } catch (error) {
      if (!(error instanceof KnowledgeValidationError)) throw error;
      return { reply: { kind: 'invalid', problems: error.details }, transfer: [] };
    }
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
  return { reply: { kind: 'trained', snapshot, trainingMs, cacheError }, transfer: arrayBuffersIn(snapshot) };
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
