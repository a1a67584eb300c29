import { expect } from 'vitest';

/**
 * The lines `after` has that `before` has not, asserting that `after` is `before` with whole lines
 * inserted at one place and every other byte unchanged (what the knowledge writer promises).
 */
export function insertedLines(before: string, after: string): string {
  let start = 0;
  while (start < before.length && before[start] === after[start]) start++;
  // Back to the start of a line: an insertion is whole lines.
  start = before.lastIndexOf('\n', start - 1) + 1;
  const inserted = after.slice(start, start + after.length - before.length);
  expect(after).toBe(before.slice(0, start) + inserted + before.slice(start));
  return inserted;
}
