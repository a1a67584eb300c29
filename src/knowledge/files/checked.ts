import type { KnowledgeProblem } from './knowledge-validation.error.ts';

/** What checking a knowledge file (or folder) found: the value it holds, or every problem in it. */
export type Checked<T> =
  | { readonly kind: 'valid'; readonly value: T }
  | { readonly kind: 'invalid'; readonly problems: readonly KnowledgeProblem[] };
