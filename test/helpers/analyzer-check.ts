import { expect } from 'vitest';
import type { MessageAnalyzer } from '../../src/analysis/message-analyzer.ts';

/**
 * Asserts that `analyzer` (from any knowledge folder that ships the standard sentiment and
 * complaint files) finds a plain question neutral and no complaint, and an angry repeat of it a
 * negative delivery complaint.
 */
export function expectTellsCalmFromAngry(analyzer: MessageAnalyzer): void {
  const calm = analyzer.analyze('where is my parcel?');
  const angry = analyzer.analyze("this is the third time I've asked, where is my parcel?!");
  expect(calm).toEqual({
    sentiment: { score: 0, comparative: 0, label: 'neutral' },
    complaint: expect.objectContaining({ isComplaint: false }),
  });
  expect(angry.sentiment.label).toBe('negative');
  expect(angry.complaint).toMatchObject({ isComplaint: true, category: 'delivery' });
}
