import type { ComplaintCategory } from './complaint-category.ts';
import type { ComplaintSeverity } from './complaint-severity.ts';

/**
 * Whether a message is a complaint, and if so what about and how severe.
 * `confidence` (0..1) is the classifier's probability for the decision it made: that the message
 * is not a complaint, or that it is a complaint in this category.
 */
export type ComplaintResult =
  | { readonly isComplaint: false; readonly category: null; readonly severity: null; readonly confidence: number }
  | {
      readonly isComplaint: true;
      readonly category: ComplaintCategory;
      readonly severity: ComplaintSeverity;
      readonly confidence: number;
    };
