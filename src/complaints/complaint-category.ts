/** What a complaint is about. `other` catches complaints that fit none of the rest. */
export const COMPLAINT_CATEGORIES = [
  'delivery',
  'damaged_product',
  'refund_return',
  'billing_payment',
  'account_technical',
  'staff_service',
  'other',
] as const;

export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** The label that marks a training example as not a complaint. */
export const NOT_A_COMPLAINT = 'none';

/** Every label a training or held-out example may carry. */
export const EXAMPLE_LABELS = [...COMPLAINT_CATEGORIES, NOT_A_COMPLAINT] as const;

export type ExampleLabel = (typeof EXAMPLE_LABELS)[number];

/** Narrows a string to an example label. */
export function isExampleLabel(value: string): value is ExampleLabel {
  return (EXAMPLE_LABELS as readonly string[]).includes(value);
}
