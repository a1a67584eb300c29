import type { ExampleLabel } from './complaint-category.ts';

/** One labelled message the complaint classifier learns from (or is measured on). */
export interface ComplaintExample {
  readonly text: string;
  readonly label: ExampleLabel;
  /** `file:line:column` the example came from, for error messages and reports. */
  readonly source: string;
}
