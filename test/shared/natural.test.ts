import { describe, expect, it } from 'vitest';
import natural from '../../src/shared/natural.ts';

describe('shared natural', () => {
  it('loads natural without breaking Math.sign for the rest of the process', () => {
    expect(typeof natural.PorterStemmer.stem).toBe('function');
    expect(Math.sign(0)).toBe(0);
    expect(Math.sign(-3)).toBe(-1);
    expect(Math.sign(2)).toBe(1);
  });
});
