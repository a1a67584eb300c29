import type { TrainedSnapshots, TrainingKind } from './training-job.ts';

/** The one message a training worker posts back. */
export type WorkerReply =
  | {
      readonly kind: 'trained';
      readonly snapshot: TrainedSnapshots[TrainingKind];
      readonly trainingMs: number;
      /** Why the snapshot could not be cached (training itself succeeded), or `null`. */
      readonly cacheError: string | null;
    }
  | { readonly kind: 'failed'; readonly name: string; readonly message: string; readonly stack: string };
