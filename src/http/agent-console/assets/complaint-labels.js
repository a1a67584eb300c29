// @ts-check
// The words agents and admins read for a complaint category, instead of its stored key. The keys
// are fixed (src/complaints/complaint-category.ts; test/http/complaint-labels.test.ts keeps the two
// lists the same). Shared by the agent console and the admin pages.

/** @type {Readonly<Record<string, string>>} */
export const COMPLAINT_CATEGORY_LABELS = Object.freeze({
  delivery: 'Delivery',
  damaged_product: 'Damaged product',
  refund_return: 'Refund or return',
  billing_payment: 'Billing or payment',
  account_technical: 'Account or technical',
  staff_service: 'Staff or service',
  other: 'Other',
});

/**
 * A complaint category's label; a key this page does not know (a newer server) reads as its words.
 *
 * @param {string} key
 * @returns {string}
 */
export function complaintCategoryLabel(key) {
  const label = Object.hasOwn(COMPLAINT_CATEGORY_LABELS, key) ? COMPLAINT_CATEGORY_LABELS[key] : undefined;
  if (label !== undefined) return label;
  const words = key.replaceAll('_', ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
