/**
 * The training worker thread: does one `WorkerTask` from `workerData` (`runTrainingTask`) and posts
 * its one `WorkerReply`, so neither training nor loading a large knowledge base blocks the main
 * thread's event loop. Started by `KnowledgeTrainer`, one worker per task, through
 * `training-worker.entry.mjs` (from the sources) or directly (compiled).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runTrainingTask } from './training-task.ts';
import type { WorkerTask } from './worker-protocol.ts';

const { reply, transfer } = await runTrainingTask(workerData as WorkerTask);
// Moved, not copied: the worker ends right after.
parentPort?.postMessage(reply, transfer);
