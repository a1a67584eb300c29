// Entry of the training worker thread. Node 20 does not apply `--import tsx` given in a worker's
// execArgv, so the worker registers tsx itself (as bin/answerdesk.js does) and then loads the
// TypeScript worker. Resolved from this file, so it works from any working directory.
import { register } from 'tsx/esm/api';

register();
await import('./training.worker.ts');
