import { describe, expect, it } from 'vitest';
import { COMPLAINT_CATEGORIES } from '../../src/complaints/complaint-category.ts';

/** The pages' module, plain JavaScript checked by `tsconfig.assets.json`; its shape as the pages call it. */
interface ComplaintLabelsModule {
  readonly COMPLAINT_CATEGORY_LABELS: Readonly<Record<string, string>>;
  complaintCategoryLabel(key: string): string;
}
const { COMPLAINT_CATEGORY_LABELS, complaintCategoryLabel } = (await import(
  new URL('../../src/http/agent-console/assets/complaint-labels.js', import.meta.url).href
)) as ComplaintLabelsModule;

describe('complaint category labels (agent console and admin pages)', () => {
  it('has words for exactly the categories the classifier gives', () => {
    expect(Object.keys(COMPLAINT_CATEGORY_LABELS).sort()).toEqual([...COMPLAINT_CATEGORIES].sort());
    for (const category of COMPLAINT_CATEGORIES) {
      const label = complaintCategoryLabel(category);
      expect(label).not.toContain('_');
      expect(label.charAt(0)).toBe(label.charAt(0).toUpperCase());
    }
    expect(complaintCategoryLabel('damaged_product')).toBe('Damaged product');
    expect(complaintCategoryLabel('billing_payment')).toBe('Billing or payment');
  });

  it('reads a key it does not know (a ticket category from elsewhere) as its words', () => {
    expect(complaintCategoryLabel('late_refund')).toBe('Late refund');
    expect(complaintCategoryLabel('billing')).toBe('Billing');
    expect(complaintCategoryLabel('')).toBe('');
    // Not the object's own properties: never a function's source or "[object Object]".
    expect(complaintCategoryLabel('constructor')).toBe('Constructor');
    expect(complaintCategoryLabel('__proto__')).toBe('Proto');
  });
});
