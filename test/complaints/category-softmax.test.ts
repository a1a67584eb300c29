import { describe, expect, it } from 'vitest';
import type { CategoryDocument } from '../../src/complaints/category-softmax.ts';
import { CategorySoftmax } from '../../src/complaints/category-softmax.ts';
import type { ComplaintCategory } from '../../src/complaints/complaint-category.ts';
import { COMPLAINT_CATEGORIES } from '../../src/complaints/complaint-category.ts';

const DOCUMENTS: readonly CategoryDocument[] = [
  { text: 'my parcel never arrived', topics: ['delivery'], category: 'delivery' },
  { text: 'the courier left the parcel in the rain', topics: ['delivery'], category: 'delivery' },
  { text: 'still waiting for the package after two weeks', topics: ['delivery'], category: 'delivery' },
  { text: 'you charged my card twice', topics: ['billing_payment'], category: 'billing_payment' },
  {
    text: 'there is a charge on my statement I do not recognise',
    topics: ['billing_payment'],
    category: 'billing_payment',
  },
  { text: 'I was billed for a subscription I cancelled', topics: ['billing_payment'], category: 'billing_payment' },
  { text: 'the agent was rude and hung up on me', topics: ['staff_service'], category: 'staff_service' },
  { text: 'the cashier ignored me and chatted with a colleague', topics: ['staff_service'], category: 'staff_service' },
];

const best = (model: CategorySoftmax, text: string, topics: readonly string[] = []): ComplaintCategory => {
  const probabilities = model.probabilities(text, topics);
  let index = 0;
  for (let i = 1; i < probabilities.length; i += 1)
    if ((probabilities[i] ?? 0) > (probabilities[index] ?? 0)) index = i;
  return COMPLAINT_CATEGORIES[index] ?? 'other';
};

describe('CategorySoftmax', () => {
  const model = CategorySoftmax.train(DOCUMENTS);

  it.each([
    ['where is my parcel, it never came', 'delivery'],
    ['charged twice on my card', 'billing_payment'],
    ['your agent was so rude', 'staff_service'],
  ] as const)('puts "%s" in %s', (text, category) => {
    expect(best(model, text)).toBe(category);
  });

  it('recognises misspelt words through their character n-grams', () => {
    expect(best(model, 'the parcell nevr arived')).toBe('delivery');
    expect(best(model, 'chargd my crd twice')).toBe('billing_payment');
  });

  it('lets a topic cue decide when no word of the message was seen in training', () => {
    expect(best(model, 'zzqx vbnm', ['staff_service'])).toBe('staff_service');
    expect(best(model, 'zzqx vbnm', ['billing_payment'])).toBe('billing_payment');
  });

  it('gives one probability per category, in COMPLAINT_CATEGORIES order, summing to 1', () => {
    const probabilities = model.probabilities('my parcel never arrived', ['delivery']);
    expect(probabilities).toHaveLength(COMPLAINT_CATEGORIES.length);
    expect([...probabilities].reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 5);
    expect(probabilities[COMPLAINT_CATEGORIES.indexOf('delivery')]).toBeGreaterThan(0.5);
  });

  it('ignores topics that are not categories and gives finite probabilities for empty text', () => {
    const probabilities = model.probabilities('', ['not-a-topic']);
    expect([...probabilities].every((p) => Number.isFinite(p) && p >= 0 && p <= 1)).toBe(true);
  });

  it('trains deterministically', () => {
    const again = CategorySoftmax.train(DOCUMENTS);
    expect([...again.probabilities('rude agent, late parcel', [])]).toEqual([
      ...model.probabilities('rude agent, late parcel', []),
    ]);
  });
});
